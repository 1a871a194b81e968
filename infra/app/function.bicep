// Flex Consumption plan and the function app (.NET 10 isolated worker), with its app settings.
// On Flex the runtime comes from functionAppConfig: FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
// WEBSITE_RUN_FROM_PACKAGE and WEBSITE_TIME_ZONE/TZ must not be set (so timer schedules are UTC).

param name string
param planName string
param location string
param tags object

param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param keyVaultUri string
param openAiOrganizationName string
param openAiOrganizationId string

@description('Effective schedules (NCRONTAB, 6 fields, UTC) keyed by job name.')
param schedules object

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy to by this tag: 'api' is the service name in azure.yaml.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
  }

  // azd deploys with a Microsoft Entra token; publishing passwords are not needed.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  // The app code reads exactly these names (docs/operators.md lists them).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage without keys.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      // DefaultAzureCredential uses the user-assigned identity.
      AZURE_CLIENT_ID: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // The app's own settings.
      Storage__TableServiceUri: storage.properties.primaryEndpoints.table
      KeyVault__Uri: keyVaultUri
      OpenAI__OrganizationName: openAiOrganizationName
      OpenAI__OrganizationId: openAiOrganizationId
      Rules__Path: 'rules.json'
      Dashboard__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
      Schedules__PollUsage: schedules.PollUsage
      Schedules__PollRecentUsage: schedules.PollRecentUsage
      Schedules__PollCosts: schedules.PollCosts
      Schedules__PollProjects: schedules.PollProjects
      Schedules__Cleanup: schedules.Cleanup
      Schedules__Evaluate: schedules.Evaluate
      Schedules__Deliver: schedules.Deliver
      Schedules__Digest: schedules.Digest
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output uri string = 'https://${site.properties.defaultHostName}'
