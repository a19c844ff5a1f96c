import type { fromNodeProviderChain } from '@aws-sdk/credential-providers';

/** The SDK's credential provider type, named without importing the SDK at runtime. */
export type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

/**
 * Credentials resolved like the AWS CLI (env, SSO, shared files, process, web identity, container/instance role), for
 * one profile. The provider module is imported on the first request for credentials, so building a context costs
 * nothing; the chain memoizes what it found, so all clients of a context share one resolution (one SSO refresh).
 */
export function lazyNodeCredentials(profile: string | undefined): CredentialProvider {
  let provider: Promise<CredentialProvider> | undefined;
  return async (properties) => {
    provider ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain: chain }) =>
      chain(profile === undefined ? {} : { profile }),
    );
    return (await provider)(properties);
  };
}
