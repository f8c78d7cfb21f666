@fleet @simulator-only
Feature: A fleet of emulated devices
  The fleet runner (`dpsrig fleet run`) enrolls its groups through the service API, registers every
  device on its own virtual thread and sends telemetry; the simulator's records must agree with the
  fleet's report.

  @symmetric-key @x509
  Scenario: Three hundred devices, symmetric-key and X.509 groups, all assigned and heard from
    When a fleet runs with
      | devices        | 300                               |
      | idPattern      | fleet-%04d                        |
      | attestation    | group-symmetric-key:2,x509-group:1 |
      | enroll         | true                              |
      | concurrency    | 64                                |
      | telemetryCount | 1                                 |
      | pollInterval   | 200ms                             |
      | deadline       | 90s                               |
    Then all 300 devices of the fleet are assigned, without errors
    And the fleet's symmetric-key group has 200 registrations and its X.509 group 100
    And the hubs received 1 message from each device of the fleet
