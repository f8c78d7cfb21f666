@protocol @negative @tls
Feature: A device refuses a server it does not trust
  A device that trusts a root other than the one the server's certificate chains to must refuse the
  TLS handshake; DPS then never hears of it.

  Scenario: The device trusts a different root
    Given an individual enrollment "wary-device" with symmetric keys
    And devices give up registering after 3 seconds
    When device "wary-device" registers with its enrollment key while trusting only a root of its own
    Then device "wary-device" refused the server's certificate
    And the target recorded no registration for "wary-device"
