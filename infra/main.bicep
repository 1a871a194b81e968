// UsageAlerts on Azure: a Flex Consumption function app (.NET 10 isolated) with keyless storage, Key Vault,
// Application Insights and a user-assigned managed identity. Deployed with `azd up` (see docs/operators.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and to make resource names unique.')
param environmentName string

@minLength(1)
@description('Region for all resources; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); they get Key Vault Secrets Officer. Empty skips it.')
param principalId string = ''

@description('Kind of principal in principalId: User for a person, ServicePrincipal when a pipeline deploys.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Display name of the OpenAI organization, shown in alerts and the dashboard (optional).')
param openAiOrganizationName string = ''

@description('Id (org-...) of the OpenAI organization the admin key must belong to; results of another organization then blind monitoring (optional).')
param openAiOrganizationId string = ''

@description('Schedule overrides (6-field NCRONTAB, UTC) by job name; jobs left out keep the defaults in schedules.json.')
param schedules scheduleOverrides = {}

@description('Upper bound on Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Purge protection for the Key Vault. Irreversible, and `azd down --purge` cannot purge such a vault.')
param keyVaultEnablePurgeProtection bool = false

@description('Days a deleted Key Vault (and its secrets) can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@sealed()
type scheduleOverrides = {
  PollUsage: string?
  PollRecentUsage: string?
  PollCosts: string?
  PollProjects: string?
  Cleanup: string?
  Evaluate: string?
  Deliver: string?
  Digest: string?
}

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// Default schedules for the timer functions (app settings Schedules__<Job>), one place for all of them.
var defaultSchedules = loadJsonContent('schedules.json')
var effectiveSchedules = union(defaultSchedules, schedules)

// Names are computed here (not read from module outputs) so that they are known before deployment starts.
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [
    storage
    monitoring
    keyVault
  ]
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    // Role assignment names are guid(scope, principalId, roleId), and a new identity's principal id is known
    // only during deployment: What-If cannot predict these names, which is expected.
    #disable-next-line what-if-short-circuiting
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module api 'app/function.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    keyVaultUri: keyVault.outputs.uri
    openAiOrganizationName: openAiOrganizationName
    openAiOrganizationId: openAiOrganizationId
    schedules: effectiveSchedules
    maximumInstanceCount: maximumInstanceCount
  }
  // The app starts as soon as it exists: its storage account, telemetry and permissions must be in place.
  dependsOn: [
    storage
    monitoring
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_URI string = api.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output DASHBOARD_URL string = '${api.outputs.uri}/api/dashboard'
