@setup @cloud-connection
Feature: The firewall lets the appliances reach the cloud platform's hosts for its region
  The vendor guide's "Network Requirements": the firewall allowlist holds the vendor's
  sys and app host patterns, with the domain suffix of the region the cloud tenant is
  in (.com for the US; for example .uk for the UK). A missing pattern, or one for
  another region, makes the integration fail with a connection error.

  Background:
    Given a new enterprise whose cloud connection has never been set up
    And Cloud Connect has been started on all appliances

  @REQ-CC-01 @compliant
  Scenario Outline: Both host patterns of the <region> region let the integration through
    Given the hospital's cloud tenant is in the <region> region
    And the firewall allows "<sys pattern>" and "<app pattern>"
    When the administrator integrates the enterprise with a token made from its own integration id
    Then the console reports the integration as verified

    Examples:
      | region | sys pattern         | app pattern         |
      | US     | *.sys.imprivata.com | *.app.imprivata.com |
      | UK     | *.sys.imprivata.uk  | *.app.imprivata.uk  |

  @REQ-CC-01 @must-fail
  Scenario Outline: A firewall without the right patterns blocks the integration: <case>
    Given the hospital's cloud tenant is in the <region> region
    And the firewall allows only "<allowlist>"
    When the administrator integrates the enterprise with a token made from its own integration id
    Then the integration fails with a connection error to the tenant's <blocked> host
    And the console reports that it cannot verify the integration, because nothing is integrated yet

    Examples:
      | case                          | region | allowlist                                | blocked |
      | the app pattern is missing    | US     | *.sys.imprivata.com                      | app     |
      | the sys pattern is missing    | US     | *.app.imprivata.com                      | sys     |
      | US patterns for a UK tenant   | UK     | *.sys.imprivata.com, *.app.imprivata.com | sys     |
      | UK patterns for a US tenant   | US     | *.sys.imprivata.uk, *.app.imprivata.uk   | app     |
      | nothing is allowed            | US     | nothing                                  | sys     |
