@setup @cloud-connection
Feature: Cloud Connect runs on every EAM appliance
  The vendor guide's "Network Requirements": Cloud Connect is disabled on a new
  appliance, and must be started on all appliances before the connection to the cloud
  platform is configured. Until it runs everywhere, face recognition is not offered.

  Background:
    Given a new enterprise whose cloud connection has never been set up

  @REQ-PRE-04 @compliant
  Scenario: A new appliance starts with Cloud Connect stopped; restarted on all, it runs everywhere
    Then the console shows Cloud Connect stopped on every appliance
    When the administrator restarts Cloud Connect on all appliances
    Then the console shows Cloud Connect running on every appliance

  @REQ-PRE-04 @must-fail
  Scenario: Integrating while Cloud Connect is still stopped is refused
    When the administrator integrates the enterprise with a token made from its own integration id
    Then the integration is refused because Cloud Connect is stopped on "EAM-1"
    And the console reports that it cannot verify the integration, because nothing is integrated yet

  @REQ-PRE-04 @must-fail
  Scenario: Cloud Connect started on one appliance only is caught
    When the administrator restarts Cloud Connect on appliance "EAM-1" only
    Then the console shows Cloud Connect stopped on "EAM-2"
    When the administrator integrates the enterprise with a token made from its own integration id
    Then the integration is refused because Cloud Connect is stopped on "EAM-2"
    When the cloud connection is checked
    Then CLOUD_CONNECT_STOPPED is reported for PRE-04

  @REQ-PRE-04 @must-fail
  Scenario: Face recognition is not offered while Cloud Connect is stopped on a new appliance
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason cloud_connect_down
