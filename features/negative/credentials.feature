@negative
Feature: Credentials DPS refuses
  A wrong key or a certificate that does not chain to a verified CA is refused with 401 and a
  reason; the device is never assigned.

  @symmetric-key
  Scenario: A key of the device's own making
    Given an individual enrollment "my-symkey-device" with symmetric keys
    When device "my-symkey-device" registers with a key of its own making
    Then the registration of "my-symkey-device" is refused with status 401

  @symmetric-key
  Scenario: The group key used directly instead of the derived key
    Given an enrollment group "sensors" with symmetric keys
    When device "sensor-1" registers with the key of group "sensors" itself
    Then the registration of "sensor-1" is refused with status 401

  @symmetric-key
  Scenario: A device nobody enrolled
    When device "stranger" registers with a key of its own making
    Then the registration of "stranger" is refused with status 401

  @x509 @simulator-only
  Scenario: The certificate's CN is not the registration id
    Given a root CA "fleet-ca" with an intermediate, uploaded and verified
    And an enrollment group "fleet" on the intermediate of "fleet-ca"
    When device "device-01" registers with a certificate for "device-02" from "fleet-ca"
    Then the registration of "device-01" is refused with status 401

  @x509 @simulator-only
  Scenario: A chain to a root DPS does not know
    Given a root CA "rogue-ca" with an intermediate that DPS does not know
    And a root CA "fleet-ca" with an intermediate, uploaded and verified
    And an enrollment group "fleet" on the intermediate of "fleet-ca"
    When device "device-01" registers with its certificate from "rogue-ca"
    Then the registration of "device-01" is refused with status 401

  @x509 @simulator-only
  Scenario: A CA uploaded but never verified
    Given a root CA "pending-ca" with an intermediate, uploaded but not verified
    And an individual enrollment "device-01" for its certificate from "pending-ca"
    When device "device-01" registers with its certificate from "pending-ca"
    Then the registration of "device-01" is refused with status 401

  @x509 @simulator-only
  Scenario: An expired device certificate
    Given a root CA "fleet-ca" with an intermediate, uploaded and verified
    And an enrollment group "fleet" on the intermediate of "fleet-ca"
    When device "device-01" registers with an expired certificate from "fleet-ca"
    Then the registration of "device-01" is refused with status 401 saying "expired"
