import { writeFile } from 'node:fs/promises';
import { resolveRegion, type AwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { UsageError } from '@geusemaker/kit/errors';
import type { Prompter } from '@geusemaker/kit/io';
import { priceBookFromSnapshot, type PriceBook } from '@geusemaker/kit/pricing';
import { readConfigFile, validateSpec, type DeploymentSpec, type SpecField, type Tier } from '@geusemaker/kit/spec';
import { livePlacementBook } from '../placements.js';
import { openAws, openStateStore } from '../session.js';
import { configDocument, specInputFromAnswers, type WizardAnswers } from './answers.js';
import { awsNetworkCatalog, type NetworkCatalog } from './catalog.js';
import type { WizardContext } from './context.js';
import { fileProgressStore, progressPath } from './progress.js';
import { draftSpec } from './prices.js';
import { runWizard } from './run.js';

export interface WizardEntryOptions {
  prompter: Prompter;
  env: NodeJS.ProcessEnv;
  connection: AwsConnectionOptions;
  /** Spec fields given by flags: their questions are skipped, and they win over the answers. */
  flagInput: Partial<DeploymentSpec>;
  /** `--config FILE`: its valid fields answer their questions too (flags win over it). */
  configFile?: string;
  resume: boolean;
  /** `--save-config FILE`: where to write the answers as a config file. */
  saveConfig?: string;
  installedTiers: readonly Tier[];
  /** False for --dry-run, which makes no AWS call for prices: the wizard then shows the bundled snapshot. */
  livePrices: boolean;
  say(line: string): void;
}

/** Without a terminal gm never asks: name every value the wizard would have asked for (exit 2, at once). */
export function missingValuesError(command: string, missing: readonly string[]): UsageError {
  return new UsageError({
    code: 'INPUT_REQUIRED',
    message: `${command} needs ${missing.join(' and ')}: no value given and no interactive terminal to ask on.`,
    hint: 'Pass them, e.g. `gm deploy tier1 --name my-ai-stack --yes` (or a --config file); the guided wizard runs only on an interactive terminal without --no-input.',
    details: { missing },
  });
}

/** True when no source gives a deployment name (flag, GM_NAME, config file): the one value gm cannot default. */
export async function nameMissing(flagInput: Partial<DeploymentSpec>, env: NodeJS.ProcessEnv, configFile: string | undefined): Promise<boolean> {
  if (flagInput.name !== undefined || (env.GM_NAME ?? '').trim() !== '') return false;
  if (configFile === undefined) return true;
  try {
    const { data } = await readConfigFile(configFile);
    return typeof data !== 'object' || data === null || !('name' in data);
  } catch {
    return false; // an unreadable file is reported by the deploy itself, with its line and column
  }
}

/**
 * The fields a config file sets, as typed spec values, when the file is valid apart from a missing name; otherwise
 * nothing (the deploy reports the file's problems with their lines). Used to skip the questions the file answers.
 */
export async function presetFromConfig(configFile: string | undefined): Promise<Partial<DeploymentSpec>> {
  if (configFile === undefined) return {};
  try {
    const { data } = await readConfigFile(configFile);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    const fields = data as Record<string, unknown>;
    const check = validateSpec({ ...fields, name: typeof fields.name === 'string' ? fields.name : 'placeholder' });
    if (!check.ok) return {};
    const given = Object.keys(fields).filter((field): field is SpecField => field !== 'tier' && field in check.spec);
    return Object.fromEntries(given.map((field) => [field, check.spec[field]])) as Partial<DeploymentSpec>;
  } catch {
    return {};
  }
}

/** The answers flags already give (so the wizard does not ask for them). */
export function presetFromFlags(input: Partial<DeploymentSpec>): WizardAnswers {
  const preset: WizardAnswers = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.region === undefined ? {} : { region: input.region }),
    ...(input.instanceTypes?.length === 1 ? { instanceType: input.instanceTypes[0] } : {}),
    ...(input.market === undefined ? {} : { market: input.market }),
    ...(input.budget === undefined ? {} : { budget: input.budget }),
    ...(input.models === undefined ? {} : { models: input.models }),
    ...(input.sshCidr === undefined ? {} : { access: { ssh: true, cidr: input.sshCidr, ...(input.keyName ? { keyName: input.keyName } : {}) } }),
  };
  if (input.vpcId !== undefined && input.subnetIds !== undefined) {
    preset.network = { vpcId: input.vpcId, subnetIds: input.subnetIds, ...(input.securityGroupId ? { securityGroupId: input.securityGroupId } : {}), ...(input.efsId ? { efsId: input.efsId } : {}) };
  }
  return preset;
}

async function defaultRegion(connection: AwsConnectionOptions): Promise<string> {
  try {
    return await resolveRegion(connection.region, connection.profile);
  } catch {
    return 'us-east-1';
  }
}

/** Network catalogs over AWS contexts opened on first use, one per region, closed by `dispose`. */
function lazyCatalogs(connection: AwsConnectionOptions): { catalog(region: string): NetworkCatalog; dispose(): void } {
  const contexts = new Map<string, Promise<AwsContext>>();
  const contextFor = (region: string): Promise<AwsContext> => {
    let context = contexts.get(region);
    if (context === undefined) {
      context = openAws(connection, region);
      contexts.set(region, context);
    }
    return context;
  };
  const over = (region: string): NetworkCatalog => ({
    vpcs: async () => awsNetworkCatalog(await contextFor(region)).vpcs(),
    subnets: async (vpcId) => awsNetworkCatalog(await contextFor(region)).subnets(vpcId),
    securityGroups: async (vpcId) => awsNetworkCatalog(await contextFor(region)).securityGroups(vpcId),
    fileSystems: async () => awsNetworkCatalog(await contextFor(region)).fileSystems(),
  });
  return {
    catalog: over,
    dispose: () => {
      for (const context of contexts.values()) void context.then((aws) => aws.destroy(), () => undefined);
    },
  };
}

/** The book `gm deploy` will rank with (live, cached, snapshot where unavailable); fallbacks are said as warnings. */
function livePricesFor(options: WizardEntryOptions): (region: string) => Promise<PriceBook> {
  const warn = (warning: string): void => options.say(`warning: ${warning}`);
  return (region) => livePlacementBook(options.connection, region, draftSpec('tier1', undefined, 'auto'), options.env, warn);
}

/**
 * Runs the guided wizard on the terminal and returns the spec fields to deploy (flags win over answers). Writes the
 * answers to `--save-config` when asked. Creates nothing in AWS; only looks up networks to reuse when asked to.
 */
export async function specFromWizard(options: WizardEntryOptions): Promise<Partial<DeploymentSpec>> {
  const catalogs = lazyCatalogs(options.connection);
  const ctx: WizardContext = {
    prompter: options.prompter,
    book: priceBookFromSnapshot(),
    ...(options.livePrices ? { livePrices: livePricesFor(options) } : {}),
    defaultRegion: await defaultRegion(options.connection),
    catalog: catalogs.catalog,
    installedTiers: options.installedTiers,
    say: options.say,
    nameInUse: async (name) => {
      const existing = await openStateStore(options.env).read(name);
      // Rolled-back and destroyed deployments are archived by deploy: their names are free again.
      return existing === undefined || existing.status === 'rolled-back' || existing.status === 'destroyed' ? undefined : String(existing.status);
    },
  };
  try {
    const preset = presetFromFlags({ ...(await presetFromConfig(options.configFile)), ...options.flagInput });
    const answers = await runWizard(ctx, fileProgressStore(progressPath(options.env)), { resume: options.resume, preset });
    const specInput: Partial<DeploymentSpec> = { ...specInputFromAnswers(answers), ...options.flagInput, tier: 'tier1' };
    if (options.saveConfig !== undefined) {
      await writeFile(options.saveConfig, configDocument(specInput), { mode: 0o600 });
      options.say(`Answers saved to ${options.saveConfig}: \`gm deploy tier1 --config ${options.saveConfig} --yes\` runs the same deploy.`);
    }
    return specInput;
  } finally {
    catalogs.dispose();
  }
}
