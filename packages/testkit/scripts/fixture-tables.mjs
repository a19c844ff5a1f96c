// Lookup tables for build-fixtures.mjs: region names and usagetype prefixes as the Price List API spells them, the
// AZ id -> name mapping moto uses, and how each row of aws-other-prices.csv becomes a Price List product.

/** regionCode -> [location as the Price List API writes it, usagetype prefix]. */
export const REGIONS = {
  'us-east-1': ['US East (N. Virginia)', ''],
  'us-east-2': ['US East (Ohio)', 'USE2-'],
  'us-west-2': ['US West (Oregon)', 'USW2-'],
  'eu-west-1': ['EU (Ireland)', 'EU-'],
  'eu-central-1': ['EU (Frankfurt)', 'EUC1-'],
  'ap-southeast-1': ['Asia Pacific (Singapore)', 'APS1-'],
  'ap-northeast-1': ['Asia Pacific (Tokyo)', 'APN1-'],
};

/** AZ id -> AZ name exactly as moto 5.2.5 answers DescribeAvailabilityZones (the mapping differs per AWS account). */
export const AZ_NAMES_MOTO_5_2_5 = {
  'us-east-1': { 'use1-az6': 'us-east-1a', 'use1-az1': 'us-east-1b', 'use1-az2': 'us-east-1c', 'use1-az4': 'us-east-1d', 'use1-az3': 'us-east-1e', 'use1-az5': 'us-east-1f' },
  'us-east-2': { 'use2-az1': 'us-east-2a', 'use2-az2': 'us-east-2b', 'use2-az3': 'us-east-2c' },
  'us-west-2': { 'usw2-az2': 'us-west-2a', 'usw2-az1': 'us-west-2b', 'usw2-az3': 'us-west-2c', 'usw2-az4': 'us-west-2d' },
  'eu-west-1': { 'euw1-az3': 'eu-west-1a', 'euw1-az1': 'eu-west-1b', 'euw1-az2': 'eu-west-1c' },
  'eu-central-1': { 'euc1-az1': 'eu-central-1a', 'euc1-az2': 'eu-central-1b', 'euc1-az3': 'eu-central-1c' },
  'ap-southeast-1': { 'apse1-az1': 'ap-southeast-1a', 'apse1-az2': 'ap-southeast-1b', 'apse1-az3': 'ap-southeast-1c' },
  'ap-northeast-1': { 'apne1-az4': 'ap-northeast-1a', 'apne1-az1': 'ap-northeast-1c', 'apne1-az2': 'ap-northeast-1d' },
};

const CLOUDFRONT_EDGES = { 'edge:north-america': 'United States', 'edge:europe': 'Europe', 'edge:japan': 'Japan', 'edge:asia-pacific': 'Asia Pacific' };

/**
 * (service, item) -> the Price List product it stands for: serviceCode, productFamily, attributes (beyond the region
 * ones), unit, and a factor from the CSV's unit to the API's (gp3 throughput: the API quotes per GiBps-month).
 */
const ITEMS = [
  ['EBS', /^gp3 storage/, 'AmazonEC2', 'Storage', (p) => ({ volumeApiName: 'gp3', volumeType: 'General Purpose', usagetype: `${p}EBS:VolumeUsage.gp3` }), 'GB-Mo'],
  ['EBS', /IOPS/, 'AmazonEC2', 'System Operation', (p) => ({ volumeApiName: 'gp3', group: 'EBS IOPS', usagetype: `${p}EBS:VolumeP-IOPS.gp3` }), 'IOPS-Mo'],
  ['EBS', /throughput/, 'AmazonEC2', 'Provisioned Throughput', (p) => ({ volumeApiName: 'gp3', usagetype: `${p}EBS:VolumeP-Throughput.gp3` }), 'GiBps-mo', 1024],
  ['EFS', /^Standard storage/, 'AmazonEFS', 'Storage', (p) => ({ storageClass: 'General Purpose', usagetype: `${p}TimedStorage-ByteHrs` }), 'GB-Mo'],
  ['EFS', /reads/, 'AmazonEFS', 'Storage', (p) => ({ throughputMode: 'Elastic', accessType: 'Read', usagetype: `${p}ETDataAccess-Bytes` }), 'GB'],
  ['EFS', /writes/, 'AmazonEFS', 'Storage', (p) => ({ throughputMode: 'Elastic', accessType: 'Write', usagetype: `${p}ETDataAccess-Bytes` }), 'GB'],
  ['EFS', /^Provisioned/, 'AmazonEFS', 'Provisioned Throughput', (p) => ({ throughputMode: 'Provisioned', usagetype: `${p}ProvisionedTP-MiBpsHrs` }), 'MiBps-Mo'],
  ['ALB', /hour$/, 'AWSELB', 'Load Balancer-Application', (p) => ({ usagetype: `${p}LoadBalancerUsage`, operation: 'LoadBalancing:Application' }), 'Hrs'],
  ['ALB', /^LCU/, 'AWSELB', 'Load Balancer-Application', (p) => ({ usagetype: `${p}LCUUsage`, operation: 'LoadBalancing:Application' }), 'LCU-Hrs'],
  ['VPC', /IPv4/, 'AmazonVPC', 'VPC Public IPv4 Address', (p) => ({ group: 'VPCPublicIPv4Address', usagetype: `${p}PublicIPv4:InUseAddress` }), 'Hrs'],
  ['DataTransfer', /out to internet/, 'AWSDataTransfer', 'Data Transfer', (p) => ({ transferType: 'AWS Outbound', toLocation: 'External', usagetype: `${p}DataTransfer-Out-Bytes` }), 'GB'],
  ['DataTransfer', /intra-region/, 'AWSDataTransfer', 'Data Transfer', (p) => ({ transferType: 'IntraRegion', usagetype: `${p}DataTransfer-Regional-Bytes` }), 'GB'],
  ['DataTransfer', /inter-region/, 'AWSDataTransfer', 'Data Transfer', (p) => ({ transferType: 'InterRegion Outbound', usagetype: `${p}DataTransfer-xfer-Out-Bytes` }), 'GB'],
  ['NAT', /hour/, 'AmazonEC2', 'NAT Gateway', (p) => ({ group: 'NGW:NatGateway', usagetype: `${p}NatGateway-Hours` }), 'Hrs'],
  ['NAT', /processed/, 'AmazonEC2', 'NAT Gateway', (p) => ({ group: 'NGW:NatGateway', usagetype: `${p}NatGateway-Bytes` }), 'GB'],
];

function cloudFrontProduct(row) {
  const location = CLOUDFRONT_EDGES[row.region.replace(/ \(.*\)$/, '')];
  const isTransfer = row.item.startsWith('data transfer');
  const attributes = isTransfer
    ? { fromLocation: location, transferType: 'CloudFront Outbound', usagetype: 'DataTransfer-Out-Bytes' }
    : { location, requestType: row.item.startsWith('HTTPS') ? 'CloudFront-Request-HTTPS-Proxy' : 'CloudFront-Request-HTTP-Proxy', usagetype: 'Requests-Tier1' };
  // The API prices requests one by one; the CSV per 10,000.
  const usd = isTransfer ? Number(row.usd) : Number(row.usd) / 10_000;
  return { serviceCode: 'AmazonCloudFront', productFamily: isTransfer ? 'Data Transfer' : 'Request', attributes, unit: isTransfer ? 'GB' : 'Requests', usd };
}

/** One CSV row of aws-other-prices.csv -> zero or one Price List product (rows without a mapping are skipped). */
export function otherPriceProduct(row) {
  let product;
  if (row.service === 'CloudFront') product = cloudFrontProduct(row);
  else {
    const match = ITEMS.find(([service, item]) => service === row.service && item.test(row.item));
    const region = REGIONS[row.region];
    if (match === undefined || region === undefined) return [];
    const [, , serviceCode, productFamily, attributesOf, unit, factor = 1] = match;
    const regional = { regionCode: row.region, location: region[0], locationType: 'AWS Region' };
    product = { serviceCode, productFamily, attributes: { ...regional, ...attributesOf(region[1]) }, unit, usd: Number(row.usd) * factor };
  }
  return [{ ...product, usd: product.usd.toFixed(10), description: `${row.service} ${row.item}, ${row.region}`, citation: row.source }];
}
