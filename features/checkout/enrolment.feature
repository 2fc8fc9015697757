@checkout @matrix
Feature: First enrolment of a face, only with consent
  A user without an enrolled face is asked, on the phone, for consent first. With it,
  one picture goes to the cloud, which keeps a template, and the check-out goes on with
  face recognition. Without it, nothing is uploaded and another method completes.

  Background:
    Given the hospital is set up as the vendor guide asks
    And Noah has not enrolled a face

  @REQ-CO-12 @REQ-CO-14 @browser @compliant
  Scenario: He consents, enrols, and checks the phone out with his face
    When Noah taps his badge on Launchpad "LP-ICU-1"
    And he picks up the phone that lights up
    Then the phone asks for his consent to enrol his face
    When he agrees to enrol his face
    Then the phone is checked out to Noah with face recognition
    And the audit log records this check-out as:
      | event        | factors     | result  | reason |
      | badge_tap    | badge       | success |        |
      | enrolment    | face        | success |        |
      | face_attempt | face        | success |        |
      | checked_out  | face, badge | success |        |

  @REQ-CO-12 @REQ-CO-04 @REQ-CO-14 @browser @must-fail
  Scenario: He declines: no picture leaves the phone, and his PIN completes
    When Noah taps his badge on Launchpad "LP-ICU-1"
    And he picks up the phone that lights up
    And he declines to enrol his face
    Then the phone says face recognition is unavailable with reason consent_declined
    And the cloud platform received no picture of Noah
    When he completes check-out with his PIN
    Then the phone is checked out to Noah with PIN
    And the audit log records this check-out as:
      | event            | factors    | result      | reason           |
      | badge_tap        | badge      | success     |                  |
      | enrolment        | face       | failure     | consent_declined |
      | face_unavailable | face       | unavailable | consent_declined |
      | fallback_attempt | pin        | success     | consent_declined |
      | checked_out      | pin, badge | success     | consent_declined |

  @REQ-CO-12 @browser @must-fail
  Scenario: He consents but the camera sees nobody: not enrolled, and his password completes
    Given the phone's camera shows an empty frame
    When Noah taps his badge on Launchpad "LP-ICU-1"
    And he picks up the phone that lights up
    And he agrees to enrol his face
    Then the phone says face recognition is unavailable with reason not_enrolled
    When he completes check-out with his password
    Then the phone is checked out to Noah with password
