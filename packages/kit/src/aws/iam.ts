import type * as IamSdk from '@aws-sdk/client-iam';
import type {
  AddRoleToInstanceProfileCommandInput,
  AttachedPolicy,
  AttachRolePolicyCommandInput,
  CreateInstanceProfileCommandInput,
  CreateInstanceProfileCommandOutput,
  CreateRoleCommandInput,
  CreateRoleCommandOutput,
  DeleteInstanceProfileCommandInput,
  DeleteRoleCommandInput,
  DeleteRolePolicyCommandInput,
  DetachRolePolicyCommandInput,
  GetInstanceProfileCommandInput,
  GetInstanceProfileCommandOutput,
  GetRoleCommandInput,
  GetRoleCommandOutput,
  GetRolePolicyCommandInput,
  GetRolePolicyCommandOutput,
  InstanceProfile,
  ListAttachedRolePoliciesCommandInput,
  ListInstanceProfilesCommandInput,
  ListInstanceProfilesForRoleCommandInput,
  ListRolesCommandInput,
  ListRolePoliciesCommandInput,
  PutRolePolicyCommandInput,
  RemoveRoleFromInstanceProfileCommandInput,
  Role,
  EvaluationResult,
  SimulatePrincipalPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type {
  AttachedPolicy,
  CreateInstanceProfileCommandInput,
  CreateRoleCommandInput,
  GetInstanceProfileCommandOutput,
  GetRoleCommandOutput,
  GetRolePolicyCommandOutput,
  InstanceProfile,
  Role,
  EvaluationResult,
} from '@aws-sdk/client-iam';

/** The IAM operations gm uses: the instance role, its policies and its instance profile. Lists return every page. */
export interface IamApi {
  createRole(input: CreateRoleCommandInput): Promise<CreateRoleCommandOutput>;
  getRole(input: GetRoleCommandInput): Promise<GetRoleCommandOutput>;
  deleteRole(input: DeleteRoleCommandInput): Promise<void>;
  attachRolePolicy(input: AttachRolePolicyCommandInput): Promise<void>;
  detachRolePolicy(input: DetachRolePolicyCommandInput): Promise<void>;
  listAttachedRolePolicies(input: ListAttachedRolePoliciesCommandInput): Promise<AttachedPolicy[]>;
  putRolePolicy(input: PutRolePolicyCommandInput): Promise<void>;
  getRolePolicy(input: GetRolePolicyCommandInput): Promise<GetRolePolicyCommandOutput>;
  deleteRolePolicy(input: DeleteRolePolicyCommandInput): Promise<void>;
  /** Names of the role's inline policies. */
  listRolePolicies(input: ListRolePoliciesCommandInput): Promise<string[]>;
  createInstanceProfile(input: CreateInstanceProfileCommandInput): Promise<CreateInstanceProfileCommandOutput>;
  getInstanceProfile(input: GetInstanceProfileCommandInput): Promise<GetInstanceProfileCommandOutput>;
  deleteInstanceProfile(input: DeleteInstanceProfileCommandInput): Promise<void>;
  addRoleToInstanceProfile(input: AddRoleToInstanceProfileCommandInput): Promise<void>;
  removeRoleFromInstanceProfile(input: RemoveRoleFromInstanceProfileCommandInput): Promise<void>;
  listInstanceProfilesForRole(input: ListInstanceProfilesForRoleCommandInput): Promise<InstanceProfile[]>;
  /** Every role of the account (every page). IAM leaves `Tags` out of this listing: GetRole has them. */
  listRoles(input?: ListRolesCommandInput): Promise<Role[]>;
  /** Every instance profile of the account (every page). */
  listInstanceProfiles(input?: ListInstanceProfilesCommandInput): Promise<InstanceProfile[]>;
  /** Would these actions be allowed for this principal? Every page (preflight permission check). */
  simulatePrincipalPolicy(input: SimulatePrincipalPolicyCommandInput): Promise<EvaluationResult[]>;
}

export type IamHandle = ClientHandle<typeof IamSdk, IamSdk.IAMClient>;
type Iam = LoadedClient<typeof IamSdk, IamSdk.IAMClient>;

/** `probeHandle`: a client that tries once, for the advisory SimulatePrincipalPolicy (an emulator lacking it answers 500). */
export function createIamApi(handle: IamHandle, probeHandle: IamHandle = handle): IamApi {
  const call = <T>(operation: string, run: (iam: Iam) => Promise<T>): Promise<T> =>
    callAws(`IAM ${operation}`, async () => run(await handle.load()));
  // Calls whose answer carries nothing gm reads.
  const send = (operation: string, run: (iam: Iam) => Promise<unknown>): Promise<void> => call(operation, async (iam) => void (await run(iam)));
  return {
    createRole: (input) => call('CreateRole', ({ sdk, client }) => client.send(new sdk.CreateRoleCommand(input))),
    getRole: (input) => call('GetRole', ({ sdk, client }) => client.send(new sdk.GetRoleCommand(input))),
    deleteRole: (input) => send('DeleteRole', ({ sdk, client }) => client.send(new sdk.DeleteRoleCommand(input))),
    attachRolePolicy: (input) => send('AttachRolePolicy', ({ sdk, client }) => client.send(new sdk.AttachRolePolicyCommand(input))),
    detachRolePolicy: (input) => send('DetachRolePolicy', ({ sdk, client }) => client.send(new sdk.DetachRolePolicyCommand(input))),
    listAttachedRolePolicies: (input) =>
      call('ListAttachedRolePolicies', ({ sdk, client }) =>
        collectPages(sdk.paginateListAttachedRolePolicies({ client }, input), (page) => page.AttachedPolicies),
      ),
    putRolePolicy: (input) => send('PutRolePolicy', ({ sdk, client }) => client.send(new sdk.PutRolePolicyCommand(input))),
    getRolePolicy: (input) => call('GetRolePolicy', ({ sdk, client }) => client.send(new sdk.GetRolePolicyCommand(input))),
    deleteRolePolicy: (input) => send('DeleteRolePolicy', ({ sdk, client }) => client.send(new sdk.DeleteRolePolicyCommand(input))),
    listRolePolicies: (input) =>
      call('ListRolePolicies', ({ sdk, client }) => collectPages(sdk.paginateListRolePolicies({ client }, input), (page) => page.PolicyNames)),
    createInstanceProfile: (input) =>
      call('CreateInstanceProfile', ({ sdk, client }) => client.send(new sdk.CreateInstanceProfileCommand(input))),
    getInstanceProfile: (input) => call('GetInstanceProfile', ({ sdk, client }) => client.send(new sdk.GetInstanceProfileCommand(input))),
    deleteInstanceProfile: (input) =>
      send('DeleteInstanceProfile', ({ sdk, client }) => client.send(new sdk.DeleteInstanceProfileCommand(input))),
    addRoleToInstanceProfile: (input) =>
      send('AddRoleToInstanceProfile', ({ sdk, client }) => client.send(new sdk.AddRoleToInstanceProfileCommand(input))),
    removeRoleFromInstanceProfile: (input) =>
      send('RemoveRoleFromInstanceProfile', ({ sdk, client }) => client.send(new sdk.RemoveRoleFromInstanceProfileCommand(input))),
    listInstanceProfilesForRole: (input) =>
      call('ListInstanceProfilesForRole', ({ sdk, client }) =>
        collectPages(sdk.paginateListInstanceProfilesForRole({ client }, input), (page) => page.InstanceProfiles),
      ),
    listRoles: (input = {}) => call('ListRoles', ({ sdk, client }) => collectPages(sdk.paginateListRoles({ client }, input), (page) => page.Roles)),
    listInstanceProfiles: (input = {}) =>
      call('ListInstanceProfiles', ({ sdk, client }) => collectPages(sdk.paginateListInstanceProfiles({ client }, input), (page) => page.InstanceProfiles)),
    simulatePrincipalPolicy: (input) =>
      callAws('IAM SimulatePrincipalPolicy', async () => {
        const { sdk, client } = await probeHandle.load();
        return collectPages(sdk.paginateSimulatePrincipalPolicy({ client }, input), (page) => page.EvaluationResults);
      }),
  };
}
