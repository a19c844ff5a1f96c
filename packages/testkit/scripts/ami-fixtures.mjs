// The AMIs moto serves in place of its defaults (MOTO_AMIS_PATH). moto puts every AMI of this list in every region.
//  - Amazon Linux 2023: the ids are the ones moto 5.2.5's SSM public parameters
//    (/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{x86_64,arm64}) point to in each region, so an
//    SSM lookup followed by RunInstances works with AMI validation on.
//  - Ubuntu 24.04 (Canonical, owner 099720109477) and Deep Learning AMIs (owner 898082745236): names in the real
//    naming schemes, two dates each where "pick the newest" logic needs a choice; ids are made up.
const AL2023_IDS_MOTO_5_2_5 = {
  'us-east-1': ['ami-0d27e0fb3bac4d724', 'ami-065b1b834d2a83a7a'],
  'us-east-2': ['ami-0d3d85815a9746bc5', 'ami-04a5744dbdee14060'],
  'us-west-2': ['ami-0d53cc9bd365ad65b', 'ami-09325776a00699513'],
  'eu-west-1': ['ami-087fc0fcee2c7570a', 'ami-0ef3038e9b73a0746'],
  'eu-central-1': ['ami-09903cd4fe0670a06', 'ami-0540ba4e636bf2faf'],
  'ap-southeast-1': ['ami-01a395a37625fb28c', 'ami-0a5519eb54813b699'],
  'ap-northeast-1': ['ami-0990bd2af79bd53a7', 'ami-05c8b470a502d95d3'],
};

function image(amiId, owner, name, architecture, created, description, rootDevice = '/dev/sda1') {
  return {
    ami_id: amiId,
    name,
    description,
    owner_id: owner,
    public: true,
    virtualization_type: 'hvm',
    architecture,
    state: 'available',
    creation_date: created,
    image_type: 'machine',
    image_location: `${owner}/${name}`,
    hypervisor: 'xen',
    root_device_type: 'ebs',
    root_device_name: rootDevice,
    sriov: 'simple',
    boot_mode: 'uefi-preferred',
  };
}

function amazonLinux() {
  return Object.values(AL2023_IDS_MOTO_5_2_5).flatMap(([x86, arm]) =>
    [
      [x86, 'x86_64'],
      [arm, 'arm64'],
    ].map(([id, arch]) =>
      image(id, '137112412989', `al2023-ami-2023.9.20251117.1-kernel-6.1-${arch}`, arch, '2025-11-18T01:23:45.000Z',
        `Amazon Linux 2023 AMI 2023.9.20251117.1 ${arch} HVM kernel-6.1`, '/dev/xvda'),
    ),
  );
}

function ubuntu() {
  const canonical = '099720109477';
  const noble = (arch, date) => `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${arch}-server-${date}`;
  const description = (arch) => `Canonical, Ubuntu, 24.04, ${arch} noble image`;
  return [
    image('ami-0e2c8caa4b6378d8c', canonical, noble('amd64', '20250610'), 'x86_64', '2025-06-10T08:11:02.000Z', description('amd64')),
    image('ami-04b4f1a9cf54c11d0', canonical, noble('amd64', '20250305'), 'x86_64', '2025-03-05T09:30:41.000Z', description('amd64')),
    image('ami-0a7a4e87939439934', canonical, noble('arm64', '20250610'), 'arm64', '2025-06-10T08:12:37.000Z', description('arm64')),
  ];
}

function deepLearning() {
  const amazon = '898082745236';
  const base = (os, date) => `Deep Learning Base OSS Nvidia Driver GPU AMI (${os}) ${date}`;
  const description = 'Supported EC2 instances: G4dn, G5, G6, Gr6, G6e, P4, P4de, P5, P5e, P5en, P6-B200. Release notes: https://docs.aws.amazon.com/dlami/latest/devguide/appendix-ami-release-notes.html';
  return [
    image('ami-0b1f26b0a3b1f1c9e', amazon, base('Ubuntu 24.04', '20250602'), 'x86_64', '2025-06-03T04:20:11.000Z', description),
    image('ami-07c8b1d3a5e0f2d44', amazon, base('Ubuntu 24.04', '20250516'), 'x86_64', '2025-05-17T03:02:54.000Z', description),
    image('ami-0f4d9e2c7b6a1e5f3', amazon, base('Amazon Linux 2023', '20250605'), 'x86_64', '2025-06-06T02:44:19.000Z', description, '/dev/xvda'),
    image('ami-0c3e5a7b9d1f2e4a6', amazon, `Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04) 20250523`, 'arm64', '2025-05-24T01:15:00.000Z', description),
  ];
}

export function amiFixtures() {
  return [...amazonLinux(), ...ubuntu(), ...deepLearning()];
}
