@setup @cloud-connection
Feature: Integrating EAM with the cloud platform through an integration token
  The vendor guide's "Secure Connection to Imprivata Cloud Platform": the Admin Console
  shows the enterprise integration id and, until the integration is done, says it
  cannot verify it; the Access Management setup makes an integration token from that
  id; entering the token in the Admin Console completes the integration.

  Background:
    Given a new enterprise whose cloud connection has never been set up
    And Cloud Connect has been started on all appliances

  @REQ-CC-02 @compliant
  Scenario: Before integration the console shows the id and says it cannot verify the integration
    Then the console shows the enterprise integration id
    And the console reports that it cannot verify the integration, because nothing is integrated yet

  @REQ-CC-03 @REQ-PRE-04 @compliant @smoke
  Scenario: A token made from the enterprise's own integration id completes the integration
    When the administrator integrates the enterprise with a token made from its own integration id
    Then the console reports the integration as verified
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is offered

  @REQ-CC-03 @must-fail
  Scenario Outline: The console refuses <token>
    When the administrator integrates the enterprise with <token>
    Then the console refuses the token with <code>
    And the console reports that it cannot verify the integration, because nothing is integrated yet

    Examples:
      | token                                                                | code                       |
      | a token made from another enterprise's integration id                | token_for_other_enterprise |
      | a token made from its own integration id that has since expired      | token_expired              |
      | a token made from its own integration id with its signature altered  | token_invalid              |
      | text that is not a token                                             | token_malformed            |

  @REQ-CC-02 @must-fail
  Scenario Outline: A connection broken after integration is no longer reported as verified: <change>
    Given the administrator integrates the enterprise with a token made from its own integration id
    And the console reports the integration as verified
    When <change>
    Then the console reports that it cannot verify the integration, because <reason>
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason cloud_connect_down

    Examples:
      | change                                                     | reason                           |
      | the administrator stops Cloud Connect on appliance "EAM-2" | Cloud Connect is stopped         |
      | the firewall stops allowing "*.app.imprivata.com"          | the firewall blocks a cloud host |
