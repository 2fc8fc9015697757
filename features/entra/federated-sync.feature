@entra @sync
Feature: Entra settings decide who syncs, and so who is offered face recognition
  The cloud platform's directory sync signs each user in through Entra ID's token
  endpoint with the vendor's sync app. Entra answers as the tenant is configured, so a
  missing HRD policy or an MFA policy that reaches the sync app leaves users unsynced,
  and the Launchpad then does not offer them face recognition.

  Background:
    Given the hospital is set up as the vendor guide asks

  @REQ-ENTRA-03 @REQ-ENTRA-05 @REQ-CO-14 @must-fail
  Scenario: A federated tenant without the HRD policy: the user is not synced, no face at check-out
    Given the tenant's domain is federated with another identity provider
    When the directory sync runs
    And Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason user_not_synced
    And the audit detail of the unavailable face recognition mentions "invalid_grant"

  @REQ-ENTRA-03 @REQ-ENTRA-05 @compliant
  Scenario: A federated tenant with password hash sync and the HRD policy: the user syncs
    Given the tenant's domain is federated with another identity provider
    And an HRD policy allowing cloud password validation is assigned to the sync app
    When the directory sync runs
    And Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is offered

  @REQ-ENTRA-03 @must-fail
  Scenario: The HRD policy without password hash sync does not help
    Given the tenant's domain is federated with another identity provider
    And an HRD policy allowing cloud password validation is assigned to the sync app
    And password hash sync is off
    When the directory sync runs
    And Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason user_not_synced
    And the audit detail of the unavailable face recognition mentions "password hash sync is off"

  @REQ-ENTRA-06 @must-fail
  Scenario: An MFA policy that does not exclude the sync app stops the sync
    Given the policy "Require MFA for all users" excludes no application
    When the directory sync runs
    And Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason user_not_synced
    And the audit detail of the unavailable face recognition mentions "interaction_required"

  @REQ-ENTRA-06 @must-fail
  Scenario: An exclusion by service principal id excludes nothing
    Given the policy "Require MFA for all users" excludes the sync app by its "service principal object id"
    When the directory sync runs
    And Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason user_not_synced

  @REQ-ENTRA-02 @must-fail
  Scenario: Per-user MFA without the vendor addresses as MFA trusted IPs stops the sync
    Given per-user MFA is "enforced" for Ada
    And the MFA trusted IPs are "198.51.100.0/24"
    When the directory sync runs
    And Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason user_not_synced
    And the audit detail of the unavailable face recognition mentions "not an MFA trusted IP"

  @REQ-ENTRA-02 @compliant
  Scenario: Per-user MFA with the vendor addresses as MFA trusted IPs lets the sync through
    Given per-user MFA is "enforced" for Ada
    When the directory sync runs
    And Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is offered
