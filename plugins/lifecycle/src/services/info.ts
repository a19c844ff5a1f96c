import { readDeployment } from '@geusemaker/kit/deployment';
import { secretsParameterName, ssmPrefixFor } from '@geusemaker/kit/stack';
import type { StateStore } from '@geusemaker/kit/state';

export interface InfoResult {
  name: string;
  status: string;
  urls: { n8n: string; ollama: string; qdrant: string; crawl4ai: string } | null;
  signIn: string[];
  cost: { hourly: number; monthly: number; instanceType: string; market: string; source: string } | null;
  access: { ssmSession: string | null; portForward: string | null; secrets: string };
  nextSteps: string[];
}

/** URLs, how to sign in, cost, access commands and next steps for one deployment. Reads state only. */
export async function deploymentInfo(store: StateStore, name: string): Promise<InfoResult> {
  const state = await readDeployment(store, name);
  const base = state.endpoints?.url ?? null;
  const instanceId = state.outputs.instance?.instanceId;
  const region = `--region ${state.region}`;
  const secretsParameter = secretsParameterName(ssmPrefixFor(name));
  return {
    name,
    status: state.status,
    urls: base === null ? null : { n8n: base, ollama: `${base}ollama/`, qdrant: `${base}qdrant/`, crawl4ai: `${base}crawl4ai/` },
    signIn: [
      'n8n: open the n8n URL and create the owner account on first visit.',
      `Ollama, Qdrant, Crawl4AI: HTTP basic auth, user "gm", password: PROXY_PASSWORD in SSM ${secretsParameter}.`,
      'The certificate is self-signed (Caddy internal CA) on tier 1: your browser will ask you to accept it.',
    ],
    cost: state.cost ? { hourly: state.cost.hourly, monthly: state.cost.monthly, instanceType: state.cost.instanceType, market: state.cost.market, source: `${state.cost.source.kind} ${state.cost.source.date}` } : null,
    access: {
      ssmSession: instanceId === undefined ? null : `aws ssm start-session --target ${String(instanceId)} ${region}`,
      portForward:
        instanceId === undefined
          ? null
          : `aws ssm start-session --target ${String(instanceId)} ${region} --document-name AWS-StartPortForwardingSession --parameters portNumber=443,localPortNumber=8443`,
      secrets: `gm info ${name} --show-secrets   (or: aws ssm get-parameter --name ${secretsParameter} --with-decryption ${region})`,
    },
    nextSteps: [`gm inspect ${name}`, `gm destroy ${name}`],
  };
}
