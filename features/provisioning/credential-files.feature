@provisioning @x509 @simulator-only
Feature: Certificates as users keep them in files
  Devices read their identity from the files the walkthroughs make: a PEM certificate with a key under
  a pass phrase (walkthrough 000), a full-chain PEM with its key, a PKCS#12/PFX file under a password
  (walkthrough 003). The files are read back the way `dpsrig device register --cert/--key/--passphrase`
  and `--pfx/--pfx-password` read them.

  Scenario: A self-signed RSA-4096 certificate with its key under pass phrase 1234
    Given "device-cert.pem" and "device-key.pem" hold a self-signed RSA 4096 certificate for "my-x509-device", the key under pass phrase "1234"
    And an individual enrollment for the certificate in "device-cert.pem"
    When device "my-x509-device" registers with "device-cert.pem" and "device-key.pem" under pass phrase "1234"
    Then device "my-x509-device" is assigned with substatus "initialAssignment"
    And the key in "device-key.pem" does not open with pass phrase "4321"
    When device "my-x509-device" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "my-x509-device"

  Scenario: A full-chain file for an enrollment group on the intermediate
    Given a root CA "azure-iot-test-only" with an intermediate, uploaded and verified
    And an enrollment group "device-group" on the intermediate of "azure-iot-test-only"
    And "device-01-full-chain.cert.pem" and "device-01.key.pem" hold the full chain and key of "device-01" from "azure-iot-test-only"
    When device "device-01" registers with "device-01-full-chain.cert.pem" and "device-01.key.pem"
    Then device "device-01" is assigned with substatus "initialAssignment"
    And the simulator records "device-01" as enrolled through group "device-group"
    When device "device-01" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "device-01"

  Scenario Outline: A PKCS#12 file with an <key> key under a password
    Given "<device>.pfx" holds a self-signed <key> certificate for "<device>" under password "1234"
    And "<device>.pfx" does not open with password "wrong"
    When device "<device>" registers with "<device>.pfx" under password "1234"
    Then the registration of "<device>" is refused with status 401
    Given an individual enrollment "<device>" for the certificate in the PFX file "<device>.pfx" under password "1234"
    When device "<device>" registers with "<device>.pfx" under password "1234"
    Then device "<device>" is assigned with substatus "initialAssignment"
    When device "<device>" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "<device>"

    Examples:
      | key      | device        |
      | EC P-256 | my-pfx-device |
      | RSA 2048 | my-rsa-pfx    |

  Scenario: A root CA verified by proof of possession
    Given a root CA "my-root" with an intermediate, uploaded through the service API but not verified
    When DPS is asked for a verification code for "my-root"
    And a certificate for that code signed by "my-root" is sent back to verify "my-root"
    Then the CA certificate "my-root" is verified
    Given an enrollment group "fleet" on the intermediate of "my-root"
    When device "device-01" registers with its certificate from "my-root"
    Then device "device-01" is assigned with substatus "initialAssignment"

  Scenario: A proof of possession signed by another key is refused
    Given a root CA "my-root" with an intermediate, uploaded through the service API but not verified
    When DPS is asked for a verification code for "my-root"
    And a certificate for that code signed by "someone-else" is sent back to verify "my-root"
    Then the verification is refused with status 400 and "my-root" stays unverified
    Given an enrollment group "fleet" on the intermediate of "my-root"
    When device "device-01" registers with its certificate from "my-root"
    Then the registration of "device-01" is refused with status 401
