// Azure Front Door (Standard) in front of both regions' gateways: latency-based routing with health probes on
// the gateway's readiness endpoint, so a region whose gateway or sidecar is not ready stops taking traffic.

@description('Front Door profile name.')
param name string

@description('Tags for every resource.')
param tags object

@description('Host names of the gateways (their external ingress FQDNs).')
param originHostNames array

resource profile 'Microsoft.Cdn/profiles@2025-04-15' = {
  name: name
  location: 'global'
  tags: tags
  sku: { name: 'Standard_AzureFrontDoor' }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-04-15' = {
  parent: profile
  name: '${name}-api'
  location: 'global'
  tags: tags
  properties: { enabledState: 'Enabled' }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2025-04-15' = {
  parent: profile
  name: 'gateways'
  properties: {
    // Latency routing: every origin within 50 ms of the fastest one shares the traffic.
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    healthProbeSettings: {
      probePath: '/health'
      probeRequestType: 'GET'
      probeProtocol: 'Https'
      probeIntervalInSeconds: 30
    }
    // A browser stays with the region it first reached (Front Door's affinity cookie): each region's web site seals its
    // sign-in cookie and form tokens with keys of its own, which the other region's cannot open.
    sessionAffinityState: 'Enabled'
  }
}

resource origins 'Microsoft.Cdn/profiles/originGroups/origins@2025-04-15' = [for (hostName, i) in originHostNames: {
  parent: originGroup
  name: 'gateway-${i}'
  properties: {
    hostName: hostName
    originHostHeader: hostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}]

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-04-15' = {
  parent: endpoint
  name: 'all'
  properties: {
    originGroup: { id: originGroup.id }
    supportedProtocols: ['Http', 'Https']
    patternsToMatch: ['/*']
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Enabled'
    linkToDefaultDomain: 'Enabled'
  }
  dependsOn: [origins]
}

output hostName string = endpoint.properties.hostName
