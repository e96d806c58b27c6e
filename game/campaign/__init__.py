"""Campaigns: several summits played in order as one relationship, from one side.

Above the session (each summit is a game saved with the campaign) and below the front
ends (plain mode and the terminal screens show interludes and the campaign debrief).
"""

from .carry import Carried, SummitResult, carry, computer_keeps, promises_made
from .run import CampaignError, CampaignRun, SummitPlay, summit_seed
from .store import CampaignSaveError, CampaignSession, SavedCampaign, SummitSession, campaigns_dir, list_campaign_saves

__all__ = [
    "CampaignError",
    "CampaignRun",
    "CampaignSaveError",
    "CampaignSession",
    "Carried",
    "SavedCampaign",
    "SummitPlay",
    "SummitResult",
    "SummitSession",
    "campaigns_dir",
    "carry",
    "computer_keeps",
    "list_campaign_saves",
    "promises_made",
    "summit_seed",
]
