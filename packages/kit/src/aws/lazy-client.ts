import { translateAwsError } from '../errors/index.js';

/** An SDK client module and one client built from it, loaded together on first use. */
export interface LoadedClient<Sdk, Client> {
  readonly sdk: Sdk;
  readonly client: Client;
}

export interface ClientHandle<Sdk, Client> {
  /** Imports the SDK module and builds the client on the first call; later calls share it. */
  load(): Promise<LoadedClient<Sdk, Client>>;
  /** Closes the client's sockets if it was ever built. */
  destroy(): void;
}

/**
 * Memoizes `create` so the SDK module (each weighs tens of ms to import) is imported only when an operation of that
 * service is first called. A failed load is forgotten so the next call can try again.
 */
export function lazyClient<Sdk, Client extends { destroy(): void }>(
  create: () => Promise<LoadedClient<Sdk, Client>>,
): ClientHandle<Sdk, Client> {
  let loading: Promise<LoadedClient<Sdk, Client>> | undefined;
  let loaded: LoadedClient<Sdk, Client> | undefined;
  return {
    load() {
      loading ??= create().then(
        (value) => (loaded = value),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    destroy() {
      loaded?.client.destroy();
    },
  };
}

/**
 * Runs one AWS call and turns whatever the SDK throws into a GmError (the SDK error stays as `cause`, so
 * `awsErrorName()` still returns e.g. `InvalidVpcID.NotFound`). `action` reads like "EC2 CreateVpc".
 */
export async function callAws<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateAwsError(error, action);
  }
}
