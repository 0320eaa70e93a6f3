/**
 * Every provider of the course, one line each: adding a provider is its folder and its line here.
 * (The page finds a provider's sandbox facet by its folder, `./<id>/sandbox.ts`; see page-facets.ts.)
 */
export { paymentsProvider } from "./payments/index.ts";
export { azureProvider } from "./azure/index.ts";
export { dockerProvider } from "./docker/index.ts";
export { awsProvider } from "./aws/index.ts";
