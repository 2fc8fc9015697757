@licensing
Feature: Face recognition needs an enabled Entra ID P1 or P2 plan
  The cloud platform syncs only users who are synchronised from Active Directory and
  hold an enabled Entra ID P1 or P2 service plan. A licence bundle that includes P1 by
  name is not enough when an administrator switched the P1 plan off.

  Background:
    Given the hospital is set up as the vendor guide asks

  @REQ-PRE-05 @REQ-PRE-06 @compliant
  Scenario: A synced user with an enabled P1 plan is offered face recognition
    Given Ada holds an enabled Entra ID P1 plan
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is offered

  @REQ-PRE-06 @REQ-CO-14 @must-fail
  Scenario: A P1 plan switched off inside a licence bundle means no face recognition
    Given Lena has no enabled Entra ID P1 or P2 plan
    When Lena taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason user_not_synced
    And the audit detail of the unavailable face recognition mentions "no enabled Entra ID P1 or P2 service plan"

  @REQ-PRE-06 @REQ-CO-04 @REQ-CO-14 @browser @must-fail
  Scenario: Without a P1 plan the phone says why, and her password completes
    Given Lena has no enabled Entra ID P1 or P2 plan
    When Lena taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says face recognition is unavailable with reason user_not_synced
    When she completes check-out with her password
    Then the phone is checked out to Lena with password
    And the audit log records this check-out as:
      | event            | factors         | result      | reason          |
      | badge_tap        | badge           | success     |                 |
      | face_unavailable | face            | unavailable | user_not_synced |
      | fallback_attempt | password        | success     | user_not_synced |
      | checked_out      | password, badge | success     | user_not_synced |
