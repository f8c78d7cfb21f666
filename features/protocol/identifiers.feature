# @https-only: every scenario sends a raw HTTP request whose URL carries the ID scope and registration id; over MQTT they
# travel in the CONNECT's user name and topic, which mqtt.feature covers.
@protocol @negative @https-only
Feature: ID scopes and registration ids DPS does not know or cannot accept
  An ID scope that is not this DPS's is 404; a registration id with characters DPS does not allow
  is 400; a registration id nobody enrolled, with a token signed by a key nobody enrolled, is 401.

  Scenario: An unknown ID scope
    Given an individual enrollment "my-symkey-device" with symmetric keys
    When device "my-symkey-device" sends a raw request to DPS:
      | method        | PUT                                                                 |
      | path          | /0ne99999999/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | application/json                                                    |
      | body          | {"registrationId": "{registrationId}"}                              |
      | authorization | valid token                                                         |
    Then the raw response is a DPS error 404201 saying "0ne99999999"

  Scenario: A registration id nobody enrolled
    When device "nobody-enrolled-me" sends a raw request to DPS:
      | method        | PUT                                                                       |
      | path          | /{idScope}/registrations/{registrationId}/register?api-version=2021-06-01 |
      | content type  | application/json                                                          |
      | body          | {"registrationId": "{registrationId}"}                                    |
      | authorization | token signed with a key of its own making                                 |
    Then the raw response is a DPS error 401002 saying "nobody-enrolled-me"
    And the target recorded no registration for "nobody-enrolled-me"

  Scenario Outline: A registration id with <what>
    When device "any-device" sends a raw request to DPS:
      | method        | PUT                                                                |
      | path          | /{idScope}/registrations/<id>/register?api-version=2021-06-01      |
      | content type  | application/json                                                   |
      | body          | {}                                                                 |
      | authorization | token signed with a key of its own making                          |
    Then the raw response is a DPS error 400004 saying "registration id"

    Examples:
      | what                          | id           |
      | an exclamation mark           | bad%21device |
      | a space                       | bad%20device |
      | a trailing dot                | bad-device.  |
