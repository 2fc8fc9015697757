@checkout
Feature: When face recognition is unavailable, another method completes the check-out
  Face recognition needs the camera and a connection to the cloud platform. Without
  either, the Locker app says why and offers the other methods of the user's policy,
  and one of them really checks the phone out.

  Background:
    Given the hospital is set up as the vendor guide asks
    And Ada is enrolled for face recognition, with "the badge tap" as second factor

  @REQ-CO-06 @REQ-PRE-10 @REQ-CO-04 @REQ-CO-14 @browser @compliant @must-fail:PRE-10 @smoke
  Scenario: Camera access denied: the phone says so and her PIN completes
    Given camera access is denied on the phone
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says face recognition is unavailable with reason camera_denied
    And the phone offers "Use password, Use PIN"
    When she completes check-out with her PIN
    Then the phone is checked out to Ada with PIN
    And the audit log records this check-out as:
      | event            | factors    | result      | reason        |
      | badge_tap        | badge      | success     |               |
      | face_unavailable | face       | unavailable | camera_denied |
      | fallback_attempt | pin        | success     | camera_denied |
      | checked_out      | pin, badge | success     | camera_denied |

  @REQ-PRE-07 @REQ-CO-05 @REQ-CO-14 @browser @compliant @must-fail:PRE-07
  Scenario: The phone has no internet access: an error, then her password completes
    Given the phone has no internet access
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says face recognition is unavailable with reason cloud_unreachable
    And the cloud platform received no face from the phone
    When she completes check-out with her password
    Then the phone is checked out to Ada with password
    And the audit log records this check-out as:
      | event            | factors         | result      | reason            |
      | badge_tap        | badge           | success     |                   |
      | face_unavailable | face            | unavailable | cloud_unreachable |
      | fallback_attempt | password        | success     | cloud_unreachable |
      | checked_out      | password, badge | success     | cloud_unreachable |

  @REQ-CO-05 @REQ-CO-14 @browser @compliant
  Scenario: The cloud platform is down: an error, then her password completes
    Given the cloud platform is down
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says face recognition is unavailable with reason cloud_unreachable
    And the cloud platform received nothing after it went down
    When she completes check-out with her password
    Then the phone is checked out to Ada with password
    And the audit log records this check-out as:
      | event            | factors         | result      | reason            |
      | badge_tap        | badge           | success     |                   |
      | face_unavailable | face            | unavailable | cloud_unreachable |
      | fallback_attempt | password        | success     | cloud_unreachable |
      | checked_out      | password, badge | success     | cloud_unreachable |

  @REQ-CO-05 @REQ-CO-14 @browser @compliant
  Scenario: The cloud platform answers the face with a server error: as unreachable, her password completes
    Given the cloud platform answers face verification with 503 Service Unavailable
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says face recognition is unavailable with reason cloud_unreachable
    When she completes check-out with her password
    Then the phone is checked out to Ada with password
    And the audit log records this check-out as:
      | event            | factors         | result      | reason            |
      | badge_tap        | badge           | success     |                   |
      | face_unavailable | face            | unavailable | cloud_unreachable |
      | fallback_attempt | password        | success     | cloud_unreachable |
      | checked_out      | password, badge | success     | cloud_unreachable |

  @REQ-CO-06 @REQ-PRE-10 @browser @compliant @must-fail:PRE-10
  Scenario: Camera access revoked while the camera opens: treated as denied, her PIN completes
    Given camera access is revoked while the camera opens
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says face recognition is unavailable with reason camera_denied
    When she completes check-out with her PIN
    Then the phone is checked out to Ada with PIN

  @REQ-CO-05 @browser @compliant
  Scenario: When the cloud platform is back, the next check-out uses face recognition again
    Given the cloud platform is down
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    And she completes check-out with her password
    And she checks the phone back in
    And the cloud platform is back
    And Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone is checked out to Ada with face recognition

  Rule: A product that mishandles these cases is caught

    @REQ-CO-06 @browser @must-fail
    Scenario: A Locker page that carries on after a denied camera is caught
      Given the product carries the planted fault "locker-ignores-camera-denial"
      And camera access is denied on the phone
      When Ada taps her badge on Launchpad "LP-ICU-1"
      And she picks up the phone that lights up
      Then checking that the phone says face recognition is unavailable with reason camera_denied fails

    @REQ-CO-05 @REQ-PRE-07 @browser @must-fail
    Scenario: A Locker page that hides the cloud error and offers nothing is caught
      Given the product carries the planted fault "locker-hides-cloud-error"
      And the phone has no internet access
      When Ada taps her badge on Launchpad "LP-ICU-1"
      And she picks up the phone that lights up
      Then checking that the phone says face recognition is unavailable with reason cloud_unreachable fails

    @REQ-CO-04 @browser @must-fail
    Scenario: A check-out that offers none of the other methods is caught
      Given the product carries the planted fault "mam-offers-no-fallback"
      And camera access is denied on the phone
      When Ada taps her badge on Launchpad "LP-ICU-1"
      And she picks up the phone that lights up
      Then checking that the phone offers "Use password, Use PIN" fails
