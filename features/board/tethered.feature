@board @tethered
Feature: A board that keeps its key, registered by the rig on its behalf
  The board's secret never leaves it: over its serial line it tells the rig who it is, hands over its
  certificate chain and signs what the rig sends (the SAS string-to-sign, or the TLS handshake), and
  reports its sensor readings. The rig runs the HTTPS side: DPS registration, then telemetry.

  @simulator-only
  Scenario Outline: A board holding <credential> is registered and its readings reach the hub
    Given board "keyholder-1" holds <credential> and answers the tethered protocol
    And board "keyholder-1" is enrolled
    When board "keyholder-1" is power-cycled
    And the rig registers board "keyholder-1" on its behalf
    Then device "keyholder-1" is assigned with substatus "initialAssignment"
    And board "keyholder-1" is provisioned
    When the rig sends 3 readings of board "keyholder-1"
    Then the hub receives 3 messages from device "keyholder-1"
    And board "keyholder-1" signed for the rig over serial, its secret never on the line

    Examples:
      | credential         |
      | a symmetric key    |
      | an EC certificate  |
      | an RSA certificate |

  @robustness @virtual-board
  Scenario: Line noise before the rig registers the board is survived
    Given board "keyholder-1" holds a symmetric key and answers the tethered protocol
    And board "keyholder-1" is enrolled
    When board "keyholder-1" is power-cycled
    And board "keyholder-1" prints 40 bytes of line noise
    And the rig registers board "keyholder-1" on its behalf
    Then device "keyholder-1" is assigned
    And the rig asked board "keyholder-1" again after a reply it could not read
