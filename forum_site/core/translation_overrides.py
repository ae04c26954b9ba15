"""Indonesian wording for third-party strings that Serambi's pages show.

Django merges translation catalogues: ours (LOCALE_PATHS) first, then each app's in
INSTALLED_APPS order, then Django's. Wagtail comes before allauth, so its id_ID catalogue
turns allauth's "Password" into "Kata Kunci" and "Email" into "Surel" on the sign-in form,
while allauth's own templates say "kata sandi"; Django's password rules say "Sandi anda".
Listing those msgids here puts them in forum_site/locale/id/LC_MESSAGES/django.po, where
they are translated in one consistent voice (see docs' GLOSSARY). Nothing imports this
module: `makemessages` reads it. The msgids must match the packages' exactly.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

SINGULAR = (
    # allauth forms and adapter
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect password."),
    gettext_noop("A user is already registered with this email address."),
    # allauth templates we do not override
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Signup"),
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Password Reset"),
    gettext_noop("Reset My Password"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an "
        "email allowing you to reset it."
    ),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop("Change Password"),
    gettext_noop("Set Password"),
    gettext_noop("Bad Token"),
    gettext_noop("Your password is now changed."),
    gettext_noop("Verify Your Email Address"),
    gettext_noop("Confirm Email Address"),
    gettext_noop("Confirm"),
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address '
        "for user %(user_display)s."
    ),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">'
        "issue a new email confirmation request</a>."
    ),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  "
        'Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize "
        "the signup process. If you do not see the verification email in your main inbox, "
        "check your spam folder. Please contact us if you do not receive the verification "
        "email within a few minutes."
    ),
    # allauth messages (notification banners)
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Primary email address set."),
    gettext_noop("Removed email address %(email)s."),
    # Django forms and password rules
    gettext_noop("This field is required."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
)

PLURAL = (
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
)


# Wagtail's admin (page editor, listings, schedule, snippets, images, documents) and
# taggit: strings its Indonesian catalogue leaves English on the screens Tim Komunikasi
# and the moderators use (tests/publications/test_admin_language.py walks them).
ADMIN = (
    gettext_noop('Page title'),
    gettext_noop('Draft saved'),
    gettext_noop('Set schedule'),
    gettext_noop('Edit schedule'),
    gettext_noop('Schedule publication'),
    gettext_noop('Schedule to publish'),
    gettext_noop('Cancel scheduled publish'),
    gettext_noop('No publishing schedule set'),
    gettext_noop('Go live date/time must be before expiry date/time'),
    gettext_noop('Expiry date/time must be in the future.'),
    gettext_noop('The page could not be saved due to validation errors.'),
    gettext_noop('The page could not be created due to validation errors.'),
    gettext_noop('The page could not be saved as it is locked.'),
    gettext_noop('The %(model_name)s could not be created due to errors.'),
    gettext_noop('The %(model_name)s could not be saved due to errors.'),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop("Page '%(page_title)s' has been updated."),
    gettext_noop("Page '%(page_title)s' has been published."),
    gettext_noop("Page '%(page_title)s' has been scheduled for publishing."),
    gettext_noop("Page '%(page_title)s' has been submitted for moderation."),
    gettext_noop('Submit to %(workflow_name)s'),
    gettext_noop('Live version'),
    gettext_noop('Add comment'),
    gettext_noop('Add selected documents to collection'),
    gettext_noop('Add selected images to collection'),
    gettext_noop('Add tags to the selected documents'),
    gettext_noop('Add tags to the selected images'),
    gettext_noop('Add to collection'),
    gettext_noop('Anyone can edit this %(model_name)s'),
    gettext_noop('Anyone can edit this %(model_name)s – lock it to prevent others from editing'),
    gettext_noop('Autosave is paused'),
    gettext_noop('Available in %(translations_total)s locales'),
    gettext_noop('Correct the validation errors to resume preview (saving will highlight errors)'),
    gettext_noop('Current page status:'),
    gettext_noop('Date updated'),
    gettext_noop('Delete selected pages'),
    gettext_noop('Delete selected documents'),
    gettext_noop('Delete selected snippets'),
    gettext_noop('Delete selected images'),
    gettext_noop('Edit account avatar'),
    gettext_noop('Edited by'),
    gettext_noop('File size: (low to high)'),
    gettext_noop('File size: (high to low)'),
    gettext_noop('Filter by'),
    gettext_noop('For search engines'),
    gettext_noop('For site menus'),
    gettext_noop('Go to the first error'),
    gettext_noop('Has child pages'),
    gettext_noop('More actions'),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop('Move selected pages'),
    gettext_noop('Multi-word tags with spaces will automatically be enclosed in double quotes (").'),  # noqa: E501
    gettext_noop('New: %(model_name)s'),
    gettext_noop('No other translations'),
    gettext_noop('Not visible to the public'),
    gettext_noop('Page type'),
    gettext_noop('Page visibility: '),
    gettext_noop('Preview in new tab'),
    gettext_noop('Preview in tablet size'),
    gettext_noop('Preview in desktop size'),
    gettext_noop('Preview in mobile size'),
    gettext_noop('Preview is out of date'),
    gettext_noop('Private. Visit the live page'),
    gettext_noop('Publish selected pages'),
    gettext_noop('Search all pages…'),
    gettext_noop('Select all'),
    gettext_noop('Show filters'),
    gettext_noop('Show issue'),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Sort the order of child pages within '%(parent)s' by '%(label)s' in ascending order."),  # noqa: E501
    gettext_noop("Sort the order of child pages within '%(parent)s' by '%(label)s' in descending order."),  # noqa: E501
    gettext_noop('The descriptive text displayed underneath a headline in search engine results.'),
    gettext_noop('The name of the page displayed on search engine results as the clickable headline.'),  # noqa: E501
    gettext_noop('There are no %(model_name)s to display.'),
    gettext_noop('There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'),  # noqa: E501
    gettext_noop('Title: (A -> Z)'),
    gettext_noop('Title: (Z -> A)'),
    gettext_noop('To be created by %(user)s'),
    gettext_noop('Toggle status'),
    gettext_noop('Toggle section'),
    gettext_noop('Unpublish selected pages'),
    gettext_noop('Usage count'),
    gettext_noop('Usage count: (high to low)'),
    gettext_noop('Usage count: (low to high)'),
    gettext_noop('Visible to all'),
    gettext_noop('Visible to all. Visit the live page'),
    gettext_noop('Visit the live page'),
    gettext_noop('This data explained'),
    gettext_noop('JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'),  # noqa: E501
    gettext_noop('title tag'),
    gettext_noop('A comma-separated list of tags.'),
)


# Wagtail's workflow and comment emails (wagtailadmin/notifications/*): Wagtail renders
# them in each recipient's admin language; its Indonesian catalogue leaves most of them
# English and words the rest informally ("Apa kabar", "disini").
WORKFLOW_EMAILS = (
    gettext_noop('Hello %(username)s,'),
    gettext_noop('Edit your notification preferences here:'),
    gettext_noop('You can view the page here:'),
    gettext_noop('You can edit the page here:'),
    gettext_noop('You can preview the page here:'),
    gettext_noop('You can edit the %(model_name)s here:'),
    gettext_noop('You can preview the %(model_name)s here:'),
    gettext_noop('The page "%(title)s" has been approved.'),
    gettext_noop('The page "%(title)s" has been approved'),
    gettext_noop('The page "%(title)s" has been rejected.'),
    gettext_noop('The page "%(title)s" has been rejected'),
    gettext_noop('The page "%(title)s" has been approved in moderation stage "%(task)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been approved in "%(task)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
    gettext_noop('The page "%(title)s" has been rejected in moderation stage "%(task)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop('The page "%(title)s" has been submitted for approval in moderation stage "%(task)s".'),  # noqa: E501
    gettext_noop('The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been submitted for approval to moderation stage "%(task)s".'),  # noqa: E501
    gettext_noop('The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"'),  # noqa: E501
    gettext_noop('The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'),  # noqa: E501
    gettext_noop('%(editor)s has updated comments on "%(title)s".'),
    gettext_noop('%(editor)s has updated comments on "%(title)s"'),
    gettext_noop('New comments'),
    gettext_noop('Resolved comments'),
    gettext_noop('Deleted comments'),
    gettext_noop('New replies'),
    gettext_noop('New replies to:'),
    gettext_noop('New comments:'),
    gettext_noop('Resolved comments:'),
    gettext_noop('Deleted comments:'),
    gettext_noop('New replies:'),
    gettext_noop('The page "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The page "%(title)s" has been approved in "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    gettext_noop('The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'),  # noqa: E501
    gettext_noop('The following comment was left: "%(comment)s"'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'),  # noqa: E501
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_noop('The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'),  # noqa: E501
    gettext_noop('The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'),  # noqa: E501
    gettext_noop('The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'),  # noqa: E501
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
)


# wagtail.contrib.simple_translation (the "Translate" action): it ships no Indonesian.
SIMPLE_TRANSLATION = (
    gettext_noop('Translate'),
    gettext_noop('Translate page'),
    gettext_noop('Translate this page'),
    gettext_noop('Locales'),
    gettext_noop('All child pages will be created.'),
    ngettext_lazy('Include subtree (%(descendant_count)s page)',
                  'Include subtree (%(descendant_count)s pages)', 'n'),
    ngettext_lazy('A locale is disabled because a parent page is not translated.',
                  'Some locales are disabled because some parent pages are not translated.', 'n'),
    ngettext_lazy('Translate the parent page.',
                  'Translate the parent pages.', 'n'),
    gettext_noop('Can submit translations'),
    gettext_noop('Submit'),
    gettext_noop('%(locales_count)s locales'),
    gettext_noop("The page '%(page_title)s' was successfully created in %(locales)s"),
    gettext_noop('Translate %(model_name)s'),
    gettext_noop("Successfully created %(locales)s for %(model_name)s '%(object)s'"),
    gettext_noop('Wagtail simple translation'),
)


# Wagtail's chooser modal (the outcome editor's program chooser) and inline panels.
CHOOSER = (
    gettext_noop('Confirm selection'),
    gettext_noop('Select %(title)s'),
    ngettext_lazy('There is %(counter)s match', 'There are %(counter)s matches', 'counter'),
    gettext_noop('Sorry, there are no matches for "<em>%(search_query)s</em>"'),
    gettext_noop('There are no results.'),
    gettext_noop('Duplicate'),
    # found by the admin-language walk once "Select %(title)s" was ours
    gettext_noop('Select row'),
    gettext_noop('Switch locales'),
)
