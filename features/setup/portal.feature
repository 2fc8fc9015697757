@setup @cloud-connection
Feature: The Access Management setup: administrator sign-in and the organisation logo
  Finishing the connection, the administrator selects administrator console single
  sign-on using SAML. The setup also takes an optional organisation logo: a PNG, JPG
  or GIF of at most 200 x 100 pixels and 100 KB, judged by what the file is, not by
  its name.

  Background:
    Given a new enterprise whose cloud connection has never been set up

  @REQ-CC-04 @compliant
  Scenario: Administrator console single sign-on using SAML is selected
    When the administrator selects administrator console single sign-on using SAML
    And the cloud connection is checked
    Then CC-04 has no finding

  @REQ-CC-04 @must-fail
  Scenario: Administrator console single sign-on left unselected is reported
    Given administrator console single sign-on using SAML is not selected
    When the cloud connection is checked
    Then ADMIN_CONSOLE_SSO_NOT_SAML is reported for CC-04

  @REQ-CC-05 @compliant
  Scenario Outline: A <format> logo of <width>x<height> pixels is kept
    When the administrator uploads a <format> logo of <width>x<height> pixels
    Then the portal keeps the logo as a <format> of <width>x<height> pixels

    Examples:
      | format | width | height |
      | PNG    | 200   | 100    |
      | JPG    | 200   | 100    |
      | GIF    | 200   | 100    |
      | PNG    | 64    | 32     |

  @REQ-CC-05 @compliant
  Scenario: A JPG saved with a .png name is judged by its content and kept as a JPG
    When the administrator uploads a JPG logo of 120x60 pixels named "logo.png"
    Then the portal keeps the logo as a JPG of 120x60 pixels

  @REQ-CC-05 @must-fail
  Scenario Outline: A logo outside the guide's limits is refused: <case>
    When the administrator uploads <logo>
    Then the portal refuses the logo with <code>
    And the portal has no logo

    Examples:
      | case                | logo                                         | code                    |
      | one pixel too wide  | a PNG logo of 201x100 pixels                 | logo_too_large          |
      | one pixel too tall  | a GIF logo of 200x101 pixels                 | logo_too_large          |
      | over 100 KB         | a PNG logo of 200x100 pixels weighing 101 KB | logo_too_heavy          |
      | a WebP image        | a WebP logo of 100x50 pixels                 | logo_format_unsupported |
      | a TIFF image        | a TIFF logo of 100x50 pixels                 | logo_format_unsupported |
      | text named as a PNG | a text file named "logo.png" as the logo     | logo_not_an_image       |
      | a PNG cut short     | a PNG logo of 200x100 pixels cut short       | logo_corrupt            |
