@provisioning @x509
Feature: X.509 provisioning
  A device presents its certificate in the TLS handshake; its CN is the registration id
  (walkthrough 000: self-signed, chain with a verified root, enrollment group on the intermediate).

  @simulator-only
  Scenario Outline: A self-signed <key> device is assigned and sends with its certificate
    Given an individual enrollment "<device>" for its self-signed <key> certificate
    When device "<device>" registers with its self-signed certificate
    Then device "<device>" is assigned with substatus "initialAssignment"
    When device "<device>" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "<device>"

    Examples:
      | key      | device            |
      | EC P-256 | my-ec-device      |
      | RSA 2048 | my-x509-device    |

  @simulator-only
  Scenario: An individually enrolled device with a chain to a verified root
    Given a root CA "azure-iot-test-only" with an intermediate, uploaded and verified
    And an individual enrollment "device-01" for its certificate from "azure-iot-test-only"
    When device "device-01" registers with its certificate from "azure-iot-test-only"
    Then device "device-01" is assigned
    And device "device-01" went through "assigning, assigned"

  @simulator-only
  Scenario Outline: A device of an enrollment group on the <where> presents its full chain
    Given a <key> root CA "fleet-ca" with an intermediate, uploaded and verified
    And <group>
    When device "<device>" registers with its certificate from "fleet-ca"
    Then device "<device>" is assigned
    When device "<device>" sends "hello"
    Then the hub receives 1 message from device "<device>"

    Examples:
      | where        | key      | device       | group                                                                 |
      | intermediate | EC P-256 | ec-device-01 | an enrollment group "fleet" on the intermediate of "fleet-ca"         |
      | intermediate | RSA 2048 | rsa-device-1 | an enrollment group "fleet" on the intermediate of "fleet-ca"         |
      | root         | EC P-256 | ec-device-02 | an enrollment group "fleet" referencing the CA certificate "fleet-ca" |
