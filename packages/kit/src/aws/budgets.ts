import type * as BudgetsSdk from '@aws-sdk/client-budgets';
import type {
  Budget,
  CreateBudgetCommandInput,
  DeleteBudgetCommandInput,
  DescribeBudgetCommandInput,
  DescribeNotificationsForBudgetCommandInput,
  Notification,
} from '@aws-sdk/client-budgets';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type { Budget, CreateBudgetCommandInput, Notification, NotificationWithSubscribers, Subscriber } from '@aws-sdk/client-budgets';

/**
 * The AWS Budgets operations gm uses (the client is pinned to us-east-1 by the factory: Budgets has one endpoint).
 * There is no UpdateBudget here on purpose: the emulator lacks it, so gm replaces a budget (delete + create).
 */
export interface BudgetsApi {
  createBudget(input: CreateBudgetCommandInput): Promise<void>;
  /** Throws a GmError whose cause is `NotFoundException` when the budget does not exist. */
  describeBudget(input: DescribeBudgetCommandInput): Promise<Budget | undefined>;
  describeNotificationsForBudget(input: DescribeNotificationsForBudgetCommandInput): Promise<Notification[]>;
  deleteBudget(input: DeleteBudgetCommandInput): Promise<void>;
}

export type BudgetsHandle = ClientHandle<typeof BudgetsSdk, BudgetsSdk.BudgetsClient>;
type Budgets = LoadedClient<typeof BudgetsSdk, BudgetsSdk.BudgetsClient>;

export function createBudgetsApi(handle: BudgetsHandle): BudgetsApi {
  const call = <T>(operation: string, run: (budgets: Budgets) => Promise<T>): Promise<T> =>
    callAws(`Budgets ${operation}`, async () => run(await handle.load()));
  return {
    createBudget: (input) => call('CreateBudget', async ({ sdk, client }) => void (await client.send(new sdk.CreateBudgetCommand(input)))),
    describeBudget: (input) => call('DescribeBudget', async ({ sdk, client }) => (await client.send(new sdk.DescribeBudgetCommand(input))).Budget),
    describeNotificationsForBudget: (input) =>
      call('DescribeNotificationsForBudget', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeNotificationsForBudget({ client }, input), (page) => page.Notifications),
      ),
    deleteBudget: (input) => call('DeleteBudget', async ({ sdk, client }) => void (await client.send(new sdk.DeleteBudgetCommand(input)))),
  };
}
