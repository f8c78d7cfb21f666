# @https-only: every scenario sends a raw HTTP request with a hand-made Authorization header; the same tokens as an MQTT
# CONNECT password are in mqtt.feature.
@protocol @negative @symmetric-key @https-only
Feature: SAS tokens DPS refuses
  A token must be signed with the device's key, unexpired, and name the registration it is used for;
  otherwise DPS answers 401 with a DPS error body and the device is never assigned.

  Background:
    Given an individual enrollment "my-symkey-device" with symmetric keys
    And an individual enrollment "other-device" with symmetric keys

  Scenario: An expired token
    When device "my-symkey-device" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | application/json                                                          |
      | body          | {"registrationId": "{registrationId}"}                                    |
      | authorization | expired token                                                             |
    Then the raw response is a DPS error 401002 saying "expired"
    And the target recorded no registration for "my-symkey-device"

  Scenario: A token whose sr names another registration id
    When device "my-symkey-device" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | application/json                                                          |
      | body          | {"registrationId": "{registrationId}"}                                    |
      | authorization | token for registration "other-device"                                     |
    Then the raw response is a DPS error 401002 saying "other-device"
    And the target recorded no registration for "my-symkey-device"
    And the target recorded no registration for "other-device"

  Scenario: A tampered signature
    When device "my-symkey-device" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | application/json                                                          |
      | body          | {"registrationId": "{registrationId}"}                                    |
      | authorization | tampered token                                                            |
    Then the raw response is a DPS error 401002 saying "signature"
    And the target recorded no registration for "my-symkey-device"

  Scenario: No token at all
    When device "my-symkey-device" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | application/json                                                          |
      | body          | {"registrationId": "{registrationId}"}                                    |
    Then the raw response is a DPS error 401002 saying "Authorization"
