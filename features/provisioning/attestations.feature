@provisioning @simulator-only
Feature: Every attestation, enrollment kind and key type ends assigned, with telemetry on the hub
  The same story for each way a device proves who it is (walkthroughs 000 and 002): the register
  answer says assigning, the poll ends assigned with substatus initialAssignment, and the assigned
  hub receives the device's telemetry under its device id.

  @symmetric-key
  Scenario Outline: A device enrolled <how> with a symmetric key
    Given device "<device>" is enrolled <how> with a symmetric key
    When device "<device>" registers with its credentials
    Then device "<device>" is assigned with substatus "initialAssignment"
    And the simulator agrees that device "<device>" went through "assigning, assigned"
    When device "<device>" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "<device>"

    Examples:
      | how          | device           |
      | individually | my-symkey-device |
      | in a group   | sensor-042       |

  @x509
  Scenario Outline: A device enrolled <how> with an <key> certificate
    Given device "<device>" is enrolled <how> with an <key> certificate
    When device "<device>" registers with its credentials
    Then device "<device>" is assigned with substatus "initialAssignment"
    And the simulator agrees that device "<device>" went through "assigning, assigned"
    When device "<device>" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "<device>"

    Examples:
      | how                                           | key      | device         |
      | individually, self-signed                     | EC P-256 | my-ec-device   |
      | individually, self-signed                     | RSA 2048 | my-x509-device |
      | individually, with a chain to a verified root | EC P-256 | device-01      |
      | individually, with a chain to a verified root | RSA 2048 | device-02      |
      | in a group on an intermediate CA              | EC P-256 | fleet-ec-01    |
      | in a group on an intermediate CA              | RSA 2048 | fleet-rsa-01   |
      | in a group referencing a verified root CA     | EC P-256 | fleet-ec-02    |
      | in a group referencing a verified root CA     | RSA 2048 | fleet-rsa-02   |
