'use strict';
// The DPS service API as a Node user drives it with the official azure-iot-provisioning-service SDK,
// connected with the serviceConnectionString of the simulator's dev-settings.json as it is.
//
//   node service.js --settings dev-settings.json --scenario NAME --id ID
//
// Each scenario runs its steps in order and records every step's outcome, so one refusal does not
// hide the others. Prints one JSON line: {"scenario": NAME, "steps": {STEP: {"ok": true, "result": ...}
// | {"ok": false, "error": {...}}}} and exits 0 (1 only if the arguments or the settings are unusable).

const fs = require('node:fs');

const { ProvisioningServiceClient } = require('azure-iot-provisioning-service');
const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');
const ProvisioningHttp = require('azure-iot-provisioning-device-http').Http;
const { SymmetricKeySecurityClient } = require('azure-iot-security-symmetric-key');
const crypto = require('node:crypto');

const USAGE = 'usage: node service.js --settings dev-settings.json --scenario'
  + ' individual-enrollment|enrollment-group|bulk|query|registration-state --id ID';

function parse(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      usage('unexpected argument ' + argv[i]);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

function usage(problem) {
  process.stdout.write(JSON.stringify({ error: problem + '; ' + USAGE }) + '\n');
  process.exit(1);
}

const args = parse(process.argv.slice(2));
if (!args.settings || !args.scenario || !args.id) {
  usage('missing arguments');
}
const settings = JSON.parse(fs.readFileSync(args.settings, 'utf8'));
const service = ProvisioningServiceClient.fromConnectionString(settings.serviceConnectionString);
const steps = {};

function describe(error) {
  const described = { name: error && error.name, message: error && error.message };
  if (error && error.code) described.code = error.code;
  if (error && error.response && error.response.statusCode) described.statusCode = error.response.statusCode;
  if (error && error.responseBody) described.responseBody = error.responseBody;
  return described;
}

/** Runs one step; records what it returned, or how it failed, and hands the result on (undefined on failure). */
async function step(name, operation, summarize = (result) => result) {
  try {
    const result = await operation();
    steps[name] = { ok: true, result: summarize(result) };
    return result;
  } catch (error) {
    steps[name] = { ok: false, error: describe(error) };
    return undefined;
  }
}

/** The SDK's runBulkEnrollmentOperation settles its promise only when given a callback; use the callback form. */
function bulk(operation) {
  return new Promise((resolve, reject) => {
    service.runBulkEnrollmentOperation(operation, (error, result, response) => {
      if (error) reject(error);
      else resolve({ responseBody: result, httpResponse: response });
    });
  });
}

/**
 * The next page of a query, through the callback form of Query.next, as the SDK's samples page: the
 * promise form, next() with no argument, sends no continuation token and so reads the first page again.
 */
function nextPage(query) {
  return new Promise((resolve, reject) => {
    query.next((error, result, response) => {
      if (error) reject(error);
      else resolve({ responseBody: result, httpResponse: response });
    });
  });
}

const body = (result) => result.responseBody;
const status = (result) => ({ statusCode: result.httpResponse ? result.httpResponse.statusCode : undefined });

function symmetricKeyEnrollment(registrationId) {
  return { registrationId, attestation: { type: 'symmetricKey' }, provisioningStatus: 'enabled' };
}

const scenarios = {
  /** create, get, update with the etag, a stale etag refused, attestation mechanism, delete with the etag. */
  async 'individual-enrollment'(id) {
    const created = await step('create', () => service.createOrUpdateIndividualEnrollment(symmetricKeyEnrollment(id)), body);
    const got = await step('get', () => service.getIndividualEnrollment(id), body);
    if (!created || !got) return;
    // A read leaves the keys out; the update carries them from the create, so the device keeps its key.
    const update = { ...got.responseBody, attestation: created.responseBody.attestation, deviceId: id + '-device' };
    const updated = await step('update', () => service.createOrUpdateIndividualEnrollment(update), body);
    await step('updateWithStaleEtag', () => service.createOrUpdateIndividualEnrollment({ ...update, etag: created.responseBody.etag }), body);
    await step('attestationMechanism', () => service.getIndividualEnrollmentAttestationMechanism(id), body);
    if (!updated) return;
    await step('deleteWithStaleEtag', () => service.deleteIndividualEnrollment(id, created.responseBody.etag), () => null);
    await step('delete', () => service.deleteIndividualEnrollment(id, updated.responseBody.etag), () => null);
    await step('getAfterDelete', () => service.getIndividualEnrollment(id), body);
  },

  /** create, get, the attestation mechanism (keys), update with the etag, delete. */
  async 'enrollment-group'(id) {
    const group = { enrollmentGroupId: id, attestation: { type: 'symmetricKey' }, provisioningStatus: 'enabled' };
    await step('create', () => service.createOrUpdateEnrollmentGroup(group), body);
    const got = await step('get', () => service.getEnrollmentGroup(id), body);
    await step('attestationMechanism', () => service.getEnrollmentGroupAttestationMechanism(id), body);
    if (!got) return;
    const updated = await step('update', () => service.createOrUpdateEnrollmentGroup({ ...got.responseBody, provisioningStatus: 'disabled' }), body);
    if (!updated) return;
    await step('delete', () => service.deleteEnrollmentGroup(updated.responseBody), () => null);
    await step('getAfterDelete', () => service.getEnrollmentGroup(id), body);
  },

  /** Bulk create of three enrollments, a bulk create that collides with one, then bulk delete of them all. */
  async bulk(id) {
    const ids = [1, 2, 3].map((n) => `${id}-${n}`);
    await step('create', () => bulk({ mode: 'create', enrollments: ids.map(symmetricKeyEnrollment) }), body);
    await step('createAgain', () => bulk({ mode: 'create', enrollments: [symmetricKeyEnrollment(ids[0])] }), body);
    await step('get', () => service.getIndividualEnrollment(ids[1]), body);
    await step('delete', () => bulk({ mode: 'delete', enrollments: ids.map((registrationId) => ({ registrationId })) }), body);
  },

  /** Five enrollments, read back through a query two at a time, following the continuation token. */
  async query(id) {
    const ids = [1, 2, 3, 4, 5].map((n) => `${id}-${n}`);
    for (const registrationId of ids) {
      await step('create-' + registrationId, () => service.createOrUpdateIndividualEnrollment(symmetricKeyEnrollment(registrationId)), status);
    }
    const query = service.createIndividualEnrollmentQuery({ query: '*' }, 2);
    const pages = [];
    await step('pages', async () => {
      while (query.hasMoreResults && pages.length < 20) {
        const page = await nextPage(query);
        pages.push({
          registrationIds: page.responseBody.map((enrollment) => enrollment.registrationId),
          continuationToken: query.continuationToken === undefined ? null : query.continuationToken,
          itemType: page.httpResponse.headers['x-ms-item-type'],
        });
      }
      return pages;
    });
  },

  /**
   * A device of a symmetric-key group registers (the Node device SDK, key derived from the group key);
   * its registration state is read, listed through the group's registration query, and deleted.
   */
  async 'registration-state'(id) {
    const groupId = id + '-group';
    const group = await step('createGroup', () => service.createOrUpdateEnrollmentGroup(
      { enrollmentGroupId: groupId, attestation: { type: 'symmetricKey' } }), body);
    if (!group) return;
    const groupKey = group.responseBody.attestation.symmetricKey.primaryKey;
    const deviceKey = crypto.createHmac('sha256', Buffer.from(groupKey, 'base64')).update(id, 'utf8').digest('base64');
    const security = new SymmetricKeySecurityClient(id, deviceKey);
    await step('register', () => ProvisioningDeviceClient.create(settings.globalEndpoint, settings.idScope, new ProvisioningHttp(), security).register());
    const state = await step('get', () => service.getDeviceRegistrationState(id), body);
    await step('queryOfGroup', async () => {
      const page = await nextPage(service.createEnrollmentGroupDeviceRegistrationStateQuery({ query: '*' }, groupId, 10));
      return page.responseBody.map((registration) => registration.registrationId);
    });
    if (!state) return;
    await step('delete', () => service.deleteDeviceRegistrationState(id, state.responseBody.etag), () => null);
    await step('getAfterDelete', () => service.getDeviceRegistrationState(id), body);
  },
};

const scenario = scenarios[args.scenario];
if (!scenario) {
  usage('no scenario ' + args.scenario);
}
scenario(args.id).then(() => {
  process.stdout.write(JSON.stringify({ scenario: args.scenario, steps }) + '\n');
  process.exit(0);
}, (error) => {
  process.stdout.write(JSON.stringify({ scenario: args.scenario, steps, error: describe(error) }) + '\n');
  process.exit(1);
});
