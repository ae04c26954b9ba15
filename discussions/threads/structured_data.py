"""schema.org data for a thread page (DiscussionForumPosting), for search engines.
Rendered by `{% json_ld %}` in discussions_tags, which escapes it for a <script> block."""

from __future__ import annotations

from ..text import plain_excerpt


def _person(name: str) -> dict:
    return {"@type": "Person", "name": name}


def thread_structured_data(request, thread, answers) -> dict:
    url = request.build_absolute_uri(thread.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "@id": url,
        "url": url,
        "headline": thread.title,
        "text": plain_excerpt(thread.body, length=1000),
        "datePublished": thread.created_at.isoformat(),
        "dateModified": thread.updated_at.isoformat(),
        "author": _person(thread.author.public_name if thread.author else "—"),
        "interactionStatistic": [
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/LikeAction",
                "userInteractionCount": thread.supporters_count,
            },
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/CommentAction",
                "userInteractionCount": thread.answers_count,
            },
        ],
        "comment": [
            {
                "@type": "Comment",
                "url": f"{url}#{answer.anchor}",
                "text": plain_excerpt(answer.body, length=1000),
                "datePublished": answer.created_at.isoformat(),
                "author": {
                    **_person(answer.signer_name or answer.signer_position),
                    "jobTitle": answer.signer_position,
                    "worksFor": {"@type": "GovernmentOrganization", "name": answer.signer_unit},
                },
            }
            for answer in answers
        ],
    }
    return data
