// Service Bus (Standard: topics need it) with every topic and one subscription per consuming app id, named
// after the app id as the Dapr component's consumerID defaults to it. The component creates nothing
// (disableEntityManagement), so the apps need only send and receive rights, and messages published while a
// consumer is scaled to zero wait in its subscription.

@description('Namespace name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Every topic: those the apps subscribe to (apps.json).')
param topics array

@description('The app catalogue (apps.json): each app\'s subscriptions.')
param apps array

var subscriptions = flatten(map(apps, app => map(app.subscriptions, topic => { app: app.id, topic: topic })))

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    // Entra ID only: no connection strings exist to leak.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource topicResources 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = [for topic in topics: {
  parent: namespace
  name: topic
  properties: {
    defaultMessageTimeToLive: 'P14D'
    enableBatchedOperations: true
  }
}]

resource subscriptionResources 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = [for s in subscriptions: {
  parent: topicResources[indexOf(topics, s.topic)]
  name: s.app
  properties: {
    // Dapr renews the lock while it redelivers to the app (lockRenewalInSec) and dead-letters to the
    // deadletters topic itself; Service Bus's own dead-letter queue catches only what outlives 10 deliveries.
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
  }
}]

output name string = namespace.name
@description('The namespace\'s host name, <name>.servicebus.windows.net.')
output hostName string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
