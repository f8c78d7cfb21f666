# @https-only: every scenario sends a raw HTTP request with its own Content-Type; an MQTT PUBLISH has no content type.
@protocol @negative @https-only
Feature: Register bodies DPS cannot read
  The register body is JSON sent with Content-Type: application/json. Anything else is refused with
  415 and a DPS error body, before DPS looks at the device at all, and no registration is recorded.

  Background:
    Given an individual enrollment "device1" with symmetric keys

  Scenario: The body sent form-urlencoded, as walkthrough 003 did
    When device "device1" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2018-11-01 |
      | header        | Accept: application/json                                                  |
      | content type  | application/x-www-form-urlencoded                                         |
      | body          | registrationId={registrationId}&type=x509                                 |
      | authorization | valid token                                                               |
    Then the raw response is a DPS error 415001 saying "Content-Type"
    And the target recorded no registration for "device1"

  Scenario: JSON sent as text/plain
    When device "device1" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | text/plain                                                                |
      | body          | {"registrationId": "{registrationId}"}                                    |
      | authorization | valid token                                                               |
    Then the raw response is a DPS error 415001 saying "application/json"
    And the target recorded no registration for "device1"

  Scenario: The same request with JSON is accepted
    When device "device1" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | application/json; charset=utf-8                                           |
      | body          | {"registrationId": "{registrationId}"}                                    |
      | authorization | valid token                                                               |
    Then the raw response has status 202
