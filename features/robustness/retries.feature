@robustness @simulator-only
Feature: How devices retry: Retry-After, registering again, and quotas
  A device waits as long as Retry-After says, registers again when an answer is unusable, and a
  simulator with a quota profile throttles devices that register faster than it allows.

  Background:
    Given an individual enrollment "my-symkey-device" with symmetric keys

  Scenario: Retry-After on the register PUT is waited out
    Given the fault rule
      | endpoint   | register         |
      | device     | my-symkey-device |
      | kind       | throttle         |
      | retryAfter | 2                |
      | calls      | 1                |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" waited at least 2 seconds before retrying "register"

  Scenario: Retry-After on the poll GET is waited out
    Given the fault rule
      | endpoint   | operation-lookup |
      | kind       | throttle         |
      | retryAfter | 2                |
      | calls      | 1                |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" waited at least 2 seconds before retrying "operation lookup"

  Scenario: A register answer without operationId makes the device register again
    Given the fault rule
      | endpoint     | register             |
      | kind         | malformed-answer     |
      | malformation | missing-operation-id |
      | times        | 1                    |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" registered again because "no operationId"

  Scenario: A poll answer without operationId makes the device register again
    Given the fault rule
      | endpoint     | operation-lookup     |
      | kind         | malformed-answer     |
      | malformation | missing-operation-id |
      | times        | 1                    |
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned
    And device "my-symkey-device" registered again because "no operationId"

  Scenario: Registering faster than the registrations quota is throttled
    Given the quota profile "registrations=3/2s"
    And an enrollment group "burst" with symmetric keys
    When 6 devices named "burst-%d" register with keys derived from group "burst"
    Then all 6 devices named "burst-%d" are assigned, each as its own device id
    And at least 1 of the 6 devices named "burst-%d" retried "register" after "429"
