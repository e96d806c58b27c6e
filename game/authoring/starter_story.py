"""The placeholder story of ``parley new``: two neighbours sharing a river.

The starter scenario needs a story that is valid and playable as written and that it can
quote, so this module holds the story's issues (with both sides' preferences and the
sentences their demands cite), the notes file those sentences come from, and who speaks in
each sentence (``said_by``), so that every citation of the starter is attributed the way
the format asks of a real article.

Options of every issue run from the first side's ask to the second side's, values are
opposed (a real trade-off on every issue) and the sides weight the issues differently
(room for logrolling).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Actor ids and names of the placeholder story.
A_ID, B_ID = "north", "south"
A_NAME, B_NAME = "Northland", "Southland"


@dataclass(frozen=True)
class PoolIssue:
    """One issue of the placeholder story, with both sides' preferences and the note it cites."""

    id: str
    name: str
    description: str
    options: tuple[tuple[str, str, str], ...]  # (id, label, description), from A's ask to B's
    weights: tuple[int, int]  # raw weights of A and B
    values: tuple[tuple[float, ...], tuple[float, ...]]  # option values of A and B
    rationale: tuple[str, str]
    quotes: tuple[str, str]  # what A's and B's demand cite in the notes
    said_by: tuple[str, str] = ("official", "official")  # who speaks in each quote: official (of that side) or report


POOL: tuple[PoolIssue, ...] = (
    PoolIssue(
        "water-share", "Water share",
        "How the river's dry-season flow is divided between the two countries.",
        (("north-60", "60% to Northland", "Northland takes 60% of the dry-season flow."),
         ("even", "Even split", "Each country takes half of the dry-season flow."),
         ("south-60", "60% to Southland", "Southland takes 60% of the dry-season flow.")),
        (25, 40), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Northland's new farms upstream need water in the dry season.",
         "Southland's delta farms live or die by the dry-season flow."),
        ("Northland wants the larger share of the dry-season flow",
         "Southland says its delta farms need at least half the river"),
    ),
    PoolIssue(
        "dam-filling", "Dam filling pace",
        "How fast Northland may fill the reservoir behind its new dam.",
        (("fast", "Fill in 3 years", "The reservoir is filled as fast as the rains allow, in about 3 years."),
         ("staged", "Fill in 7 years", "Filling is staged over about 7 years, paused in dry years."),
         ("slow", "Fill in 12 years", "Filling is spread over about 12 years.")),
        (40, 20), ((1.0, 0.55, 0.0), (0.0, 0.6, 1.0)),
        ("Every year of filling delays the power the dam was built for.",
         "Fast filling would leave the delta short of water for years."),
        ("Northland wants to fill the reservoir within three years",
         "Southland wants the filling spread over at least a decade"),
    ),
    PoolIssue(
        "flow-data", "Flow data",
        "What Northland tells Southland about the river's flow at the dam.",
        (("none", "No data shared", "Northland shares no flow data."),
         ("monthly", "Monthly reports", "Northland publishes monthly flow reports."),
         ("live", "Live sensor feed", "Southland gets a live feed from sensors at the dam.")),
        (10, 25), ((1.0, 0.7, 0.0), (0.0, 0.5, 1.0)),
        ("Northland treats data from the dam as a matter of national security.",
         "Without data, Southland cannot plan for droughts."),
        ("Northland has so far refused to share flow data from the dam",
         "Southland asks for real-time data on the river's flow"),
    ),
    PoolIssue(
        "compensation", "Drought compensation",
        "Who pays when a drought year leaves the delta short of water.",
        (("none", "No compensation", "Each country bears its own drought losses."),
         ("fund", "Shared drought fund", "Both countries pay into a fund that covers drought losses."),
         ("north-pays", "Northland pays", "Northland compensates Southland's drought losses.")),
        (10, 20), ((1.0, 0.55, 0.0), (0.0, 0.6, 1.0)),
        ("Northland will not accept blame for droughts it did not cause.",
         "Southland's farmers expect to be made whole in drought years."),
        ("Northland rejects any duty to pay for droughts",
         "Southland wants compensation for losses in drought years"),
    ),
    PoolIssue(
        "fishing", "Fishing rights",
        "Who may fish the new reservoir and the river below it.",
        (("north-only", "Northland boats only", "Only Northland's boats may fish the reservoir."),
         ("zones", "Shared zones", "Each country fishes its own zones of the reservoir."),
         ("open", "Open to both", "Boats of both countries fish anywhere on the reservoir.")),
        (15, 10), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("The reservoir lies in Northland; its fish are Northland's.",
         "Southland's fishers have worked this river for generations."),
        ("Northland claims the reservoir's fisheries",
         "Southland's fishing villages want access to the reservoir"),
        ("official", "report"),
    ),
    PoolIssue(
        "tariffs", "Farm tariffs",
        "Tariffs on farm goods crossing the border, part of the same package.",
        (("abolished", "Tariffs abolished", "Farm goods cross the border tariff-free."),
         ("halved", "Tariffs halved", "Tariffs on farm goods are cut by half."),
         ("kept", "Tariffs kept", "Today's farm tariffs stay in place.")),
        (20, 10), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Northland's new irrigated farms need Southland's market.",
         "Southland's farmers fear cheap grain from upstream."),
        ("Northland wants to sell its farm goods tariff-free",
         "Southland's farmers fear cheap grain from upstream"),
        ("official", "report"),
    ),
    PoolIssue(
        "disputes", "Dispute settlement",
        "Where disputes over the treaty go.",
        (("bilateral", "Bilateral talks", "Disputes are settled by the two governments alone."),
         ("commission", "Joint commission", "A joint river commission with a neutral chair decides."),
         ("court", "International court", "Either side may take a dispute to an international court.")),
        (10, 15), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Northland, the stronger party, prefers to settle things between governments.",
         "Southland wants a neutral referee."),
        ("Northland prefers to settle disputes between the two governments",
         "Southland wants disputes to go to a neutral body"),
    ),
    PoolIssue(
        "review", "Treaty review",
        "How often the treaty's numbers are reviewed.",
        (("long", "Review in 25 years", "The treaty runs 25 years before any review."),
         ("ten-years", "Review in 10 years", "The treaty is reviewed after 10 years."),
         ("five-years", "Review every 5 years", "The treaty is reviewed every 5 years.")),
        (5, 10), ((1.0, 0.6, 0.0), (0.0, 0.55, 1.0)),
        ("Investors in the dam want long-term certainty.",
         "Southland wants to revisit the shares as the climate changes."),
        ("Northland wants a long treaty without reviews",
         "Southland wants regular reviews as the climate changes"),
    ),
)

#: Sentences of the placeholder notes, quoted by the red lines, tactics, events and constituencies.
NOTES_STORY = {
    "a-red-line": "Northland will never accept less than half of the river's flow",
    "b-red-line": "Southland will not accept a reservoir filled in three years",
    "a-constituency": "Northland's parliament must ratify any treaty",
    "b-constituency": "Southland's delta farmers have threatened to block any treaty",
    "a-gesture": "Northland has offered to share the dam's engineering survey",
    "a-pressure": "Northland has said it could start filling the reservoir without a treaty",
    "b-gesture": "Southland has offered its own river-gauge records",
    "b-pressure": "Southland has threatened to take the dispute to an international court",
    "dry-season": "The river has fallen to its lowest level in forty years",
    "protest": "Farmers in the delta have marched on the capital",
    "filling-starts": "Satellite images show water rising behind the dam",
    "donors": "Donors have offered to pay for a monitoring network",
    "crisis": "Southland's government has said it will answer any filling without a treaty",
    "crisis-condemn": "Southland's ministers have called unilateral filling a breach of good faith",
    "intel-north": "Northland's diplomats believe Southland cares about the water share above all",
    "intel-south": "Southland's analysts expect Northland to trade data for a faster filling",
}

#: Who speaks in each sentence of ``NOTES_STORY``: ``(said_by, side)``, the side only for officials.
NOTES_SAID_BY: dict[str, tuple[str, str | None]] = {
    "a-red-line": ("official", A_ID),
    "b-red-line": ("official", B_ID),
    "a-constituency": ("report", None),
    "b-constituency": ("report", None),
    "a-gesture": ("official", A_ID),
    "a-pressure": ("official", A_ID),
    "b-gesture": ("official", B_ID),
    "b-pressure": ("official", B_ID),
    "dry-season": ("report", None),
    "protest": ("report", None),
    "filling-starts": ("report", None),
    "donors": ("report", None),
    "crisis": ("official", B_ID),
    "crisis-condemn": ("official", B_ID),
    "intel-north": ("report", None),
    "intel-south": ("report", None),
}


def notes_text(title: str, file_name: str, issues: int) -> str:
    """The placeholder seed article whose sentences the starter quotes."""
    demands = [quote for issue in POOL[:issues] for quote in issue.quotes]
    story = list(NOTES_STORY.values())
    lines = [
        f"PLACEHOLDER NOTES for the starter scenario {file_name} ({title}), written by `parley new`.",
        "Replace this file with the news article the scenario is built from (plain UTF-8 text),",
        "then make every citation in the scenario quote the article verbatim.",
        "",
        "Northland and Southland share the Long River. Northland has built a dam upstream;",
        "the two governments are negotiating a treaty on the river.",
        "",
        *(f"{sentence}." for sentence in demands),
        "",
        *(f"{sentence}." for sentence in story),
        "",
    ]
    return "\n".join(lines)
