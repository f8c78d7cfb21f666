@robustness @simulator-only
Feature: Devices that meet throttling, errors and broken answers
  Real DPS throttles, fails and stalls; a device must honour Retry-After, back off, and
  register again when an answer is unusable, all within its deadline.

  Background:
    Given an individual enrollment "my-symkey-device" with symmetric keys

  Scenario: 429 on the register PUT, honoured
    Given the fault rule
      | endpoint   | register         |
      | device     | my-symkey-device |
      | kind       | throttle         |
      | retryAfter | 1                |
      | calls      | 1                |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" met a "throttle" fault on "register"
    And device "my-symkey-device" retried "register" after "429"

  Scenario: 429 on the poll, honoured
    Given the fault rule
      | endpoint   | operation-lookup |
      | kind       | throttle         |
      | retryAfter | 1                |
      | calls      | 1..2             |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" met 2 faults

  Scenario Outline: <fault> on <endpoint> is retried with backoff
    Given the fault rule
      | endpoint | <endpoint> |
      | kind     | <kind>     |
      | <field>  | <value>    |
      | times    | 1          |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" met a "<kind>" fault on "<endpoint>"

    Examples:
      | fault               | endpoint         | kind            | field  | value         |
      | a 503               | register         | server-error    | status | 503           |
      | a 500               | operation-lookup | server-error    | status | 500           |
      | a dropped request   | register         | drop-connection | at     | after-request |
      | a cut-off answer    | operation-lookup | drop-connection | at     | mid-response  |

  Scenario: An assignment that fails carries its error code
    Given the fault rule
      | endpoint     | register                  |
      | kind         | assignment-failed         |
      | errorCode    | 400209                    |
      | errorMessage | no hub could be allocated |
    When device "my-symkey-device" registers with its enrollment key
    Then the registration of "my-symkey-device" ends failed with error code 400209
    And device "my-symkey-device" went through "assigning, failed"

  Scenario: Polling faster than the quota is throttled
    Given the quota profile "polls=2/4s"
    And the fault rule
      | endpoint | register       |
      | kind     | keep-assigning |
      | polls    | 3              |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" retried "operation lookup" after "429"

  Scenario: A device gives up at its deadline
    Given devices give up registering after 3 seconds
    And the fault rule
      | endpoint   | register |
      | kind       | throttle |
      | retryAfter | 1        |
    When device "my-symkey-device" registers with its enrollment key
    Then the registration of "my-symkey-device" gives up at its deadline
