Feature: A step with a typo, to be shown its nearest steps

  Scenario: Registers with a misspelt step
    Given an individual enrollment "typo-device" with symmetric keys
    When device "typo-device" registrs with its enrollment key
    Then device "typo-device" is assigned
