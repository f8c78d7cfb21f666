'use strict';
// A device as a Node user writes one with the official Azure IoT SDKs, over the transport chosen
// (HTTPS, MQTT or MQTT over WebSockets): register with DPS (azure-iot-provisioning-device + -http or
// -mqtt), then connect to the assigned hub (azure-iot-device + azure-iot-device-http or -mqtt), send one
// event with an application property, wait for one cloud-to-device message and complete it.
//
// Everything about the simulator comes from its dev-settings.json, used as it is: globalEndpoint
// and idScope for DPS, the hub name DPS assigns for the hub. Trust comes from the process
// environment (NODE_EXTRA_CA_CERTS), not from this script.
//
// Prints one JSON line: {"registration": {...}, "sent": {...}, "received": {...}, "completed": true}
// or, on failure, {"failedAt": "register"|"open"|"send"|"receive"|"complete", "error": {...}} and exits 1.

const crypto = require('node:crypto');
const fs = require('node:fs');

const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');
const ProvisioningHttp = require('azure-iot-provisioning-device-http').Http;
const ProvisioningMqtt = require('azure-iot-provisioning-device-mqtt');
const { SymmetricKeySecurityClient } = require('azure-iot-security-symmetric-key');
const { X509Security } = require('azure-iot-security-x509');
const { Client, Message } = require('azure-iot-device');
const HubHttp = require('azure-iot-device-http').Http;
const HubMqtt = require('azure-iot-device-mqtt');

/** Each transport's pair of SDK classes: the provisioning transport and the hub client's. */
const TRANSPORTS = {
  http: { provisioning: ProvisioningHttp, hub: HubHttp },
  mqtt: { provisioning: ProvisioningMqtt.Mqtt, hub: HubMqtt.Mqtt },
  'mqtt-ws': { provisioning: ProvisioningMqtt.MqttWs, hub: HubMqtt.MqttWs },
};

const USAGE = 'usage: node device.js --settings dev-settings.json --attestation symmetric-key|group-symmetric-key|x509'
  + ' --registration-id ID [--key KEY | --group-key KEY | --cert FILE --private-key FILE]'
  + ' [--transport http|mqtt|mqtt-ws] [--body TEXT] [--property NAME=VALUE] [--c2d-timeout SECONDS]'
  + ' [--renew-token-every SECONDS]';

/** How long the hub client's SAS tokens are valid: the SDK's default. */
const TOKEN_VALID_SECONDS = 3600;

const DEFAULTS = { transport: 'http', body: '{"temperature": 21.5}', property: 'source=node-sdk', 'c2d-timeout': '30' };

/** --name value pairs over the defaults (node:util parseArgs is still experimental in Debian's Node 18). */
function parse(argv) {
  const parsed = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      fail('arguments', new Error('unexpected argument ' + argv[i] + '; ' + USAGE));
    }
    parsed[argv[i].slice(2)] = argv[i + 1];
  }
  return parsed;
}

const args = parse(process.argv.slice(2));
if (!args.settings || !args.attestation || !args['registration-id']) {
  fail('arguments', new Error(USAGE));
}

const transport = TRANSPORTS[args.transport];
if (!transport) {
  fail('arguments', new Error('unknown transport ' + args.transport + '; ' + USAGE));
}

const settings = JSON.parse(fs.readFileSync(args.settings, 'utf8'));
const registrationId = args['registration-id'];
let stage = 'register';

/** What an error says, with the fields the SDKs hang on it (HTTP status, TLS code, the response body). */
function describe(error) {
  const described = { name: error && error.name, message: error && error.message };
  if (error && error.code) described.code = error.code;
  const response = error && (error.response || (error.transportError && error.transportError.response));
  if (response && response.statusCode) described.statusCode = response.statusCode;
  const body = error && (error.responseBody || (error.transportError && error.transportError.responseBody) || error.result);
  if (body) described.responseBody = typeof body === 'string' ? body : JSON.stringify(body);
  if (error && error.transportError && !described.code) described.code = error.transportError.code;
  return described;
}

function fail(failedAt, error) {
  process.stdout.write(JSON.stringify({ failedAt, error: describe(error) }) + '\n');
  process.exit(1);
}

/** A group enrollment's device key, derived as the DPS documentation shows: HMAC-SHA256 of the registration id. */
function deriveDeviceKey(groupKey, id) {
  return crypto.createHmac('sha256', Buffer.from(groupKey, 'base64')).update(id, 'utf8').digest('base64');
}

function securityClient() {
  switch (args.attestation) {
    case 'symmetric-key':
      return { security: new SymmetricKeySecurityClient(registrationId, args.key), key: args.key };
    case 'group-symmetric-key': {
      const key = deriveDeviceKey(args['group-key'], registrationId);
      return { security: new SymmetricKeySecurityClient(registrationId, key), key };
    }
    case 'x509': {
      const x509 = { cert: fs.readFileSync(args.cert, 'utf8'), key: fs.readFileSync(args['private-key'], 'utf8') };
      return { security: new X509Security(registrationId, x509), x509 };
    }
    default:
      throw new Error('unknown attestation ' + args.attestation + '; ' + USAGE);
  }
}

async function main() {
  const { security, key, x509 } = securityClient();

  const provisioning = ProvisioningDeviceClient.create(settings.globalEndpoint, settings.idScope, new transport.provisioning(), security);
  const registration = await provisioning.register();

  stage = 'open';
  const connectionString = x509
    ? `HostName=${registration.assignedHub};DeviceId=${registration.deviceId};x509=true`
    : `HostName=${registration.assignedHub};DeviceId=${registration.deviceId};SharedAccessKey=${key}`;
  const client = Client.fromConnectionString(connectionString, transport.hub);
  // Over HTTPS the client polls for cloud-to-device messages; over MQTT the hub pushes them.
  const options = args.transport === 'http' ? { http: { receivePolicy: { interval: 1 } } } : {};
  if (x509) {
    options.cert = x509.cert;
    options.key = x509.key;
  }
  if (args['renew-token-every']) {
    // The SDK renews a token this long before it expires: a margin just short of the validity renews it every few seconds.
    options.tokenRenewal = {
      tokenValidTimeInSeconds: TOKEN_VALID_SECONDS,
      tokenRenewalMarginInSeconds: TOKEN_VALID_SECONDS - Number(args['renew-token-every']),
    };
  }
  await client.setOptions(options);
  await client.open();

  stage = 'send';
  const [name, value] = args.property.split('=');
  const event = new Message(args.body);
  event.properties.add(name, value);
  await client.sendEvent(event);
  const sent = { body: args.body, properties: { [name]: value } };

  stage = 'receive';
  const message = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no cloud-to-device message within ' + args['c2d-timeout'] + ' s')),
      Number(args['c2d-timeout']) * 1000);
    client.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    client.on('message', (received) => {
      clearTimeout(timer);
      resolve(received);
    });
  });
  const properties = {};
  for (let i = 0; i < message.properties.count(); i++) {
    const item = message.properties.getItem(i);
    properties[item.key] = item.value;
  }
  const received = {
    body: message.getData().toString(),
    messageId: message.messageId,
    correlationId: message.correlationId,
    lockToken: message.lockToken,
    properties,
  };

  stage = 'complete';
  await client.complete(message);
  await client.close();

  process.stdout.write(JSON.stringify({ registration, connectionString: connectionString.replace(/SharedAccessKey=[^;]*/, 'SharedAccessKey=…'), sent, received, completed: true }) + '\n');
}

main().then(() => process.exit(0), (error) => fail(stage, error));
