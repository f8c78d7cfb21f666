@negative @x509 @simulator-only
Feature: Device certificates DPS refuses
  A device certificate must chain to a verified CA through the certificates the device presents, be
  valid now, and allow TLS client authentication; otherwise DPS answers 401 and never assigns it.

  Scenario: A chain that leaves out its intermediate
    Given a root CA "fleet-ca" with an intermediate, uploaded and verified
    And an enrollment group "fleet" referencing the CA certificate "fleet-ca"
    When device "device-01" registers with its certificate from "fleet-ca" but without the intermediate
    Then the registration of "device-01" is refused with status 401

  Scenario: A device certificate that is not valid yet
    Given a root CA "fleet-ca" with an intermediate, uploaded and verified
    And an enrollment group "fleet" on the intermediate of "fleet-ca"
    When device "device-01" registers with a certificate from "fleet-ca" that is valid only from tomorrow
    Then the registration of "device-01" is refused with status 401 saying "not yet valid"

  Scenario: A device certificate made for server authentication only
    Given a root CA "fleet-ca" with an intermediate, uploaded and verified
    And an enrollment group "fleet" on the intermediate of "fleet-ca"
    When device "device-01" registers with a certificate from "fleet-ca" made for server authentication only
    Then the registration of "device-01" is refused with status 401 saying "clientAuth"
