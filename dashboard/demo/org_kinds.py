"""What each kind of member org does: its mix of events, actions and shifts, how much it
logs, what its campaigns are about, how generated orgs of the kind are named, and which
other kinds share its members.
"""

# Relative weights of each event type an org of the kind holds.
EVENT_TYPES = {
    "tenant_union": {
        "meeting": 30, "canvass": 14, "training": 10, "public_meeting": 9, "rally": 4,
        "one_on_one": 12, "social": 6, "listening_session": 6, "phone_bank": 6,
    },
    "labour_union": {
        "meeting": 25, "rally": 8, "phone_bank": 14, "training": 14, "canvass": 10,
        "one_on_one": 16, "public_meeting": 5, "social": 6, "text_bank": 4,
    },
    "faith_group": {
        "meeting": 22, "listening_session": 20, "public_meeting": 10, "social": 16,
        "training": 10, "rally": 4, "phone_bank": 4,
    },
    "neighbourhood_council": {
        "public_meeting": 36, "meeting": 26, "listening_session": 14, "social": 10, "canvass": 5,
    },
    "ngo": {
        "training": 30, "meeting": 20, "public_meeting": 10, "phone_bank": 10,
        "listening_session": 10, "one_on_one": 6,
    },
    "mutual_aid": {
        "meeting": 22, "social": 18, "training": 10, "phone_bank": 10, "canvass": 8,
        "text_bank": 6,
    },
    "youth_group": {
        "meeting": 24, "rally": 12, "text_bank": 14, "canvass": 16, "training": 10, "social": 6,
    },
}  # fmt: skip
# What an event without a campaign is about.
TOPICS = {
    "tenant_union": ("repairs now", "rent control", "eviction defense"),
    "labour_union": ("a fair contract", "safe staffing", "a living wage"),
    "faith_group": ("housing justice", "welcoming neighbours"),
    "neighbourhood_council": ("safer streets", "the new library", "park upkeep"),
    "ngo": ("right to counsel", "language access"),
    "mutual_aid": ("food security", "heat relief"),
    "youth_group": ("climate justice", "fare-free buses", "the youth vote"),
}
ACTION_TYPES = {
    "tenant_union": {"door_knock": 30, "call": 20, "text": 10, "one_on_one": 15, "petition": 15,
                     "letter": 5, "testimony": 5},
    "labour_union": {"one_on_one": 25, "call": 25, "door_knock": 15, "text": 15, "petition": 10,
                     "testimony": 5, "social_post": 5},
    "faith_group": {"letter": 25, "call": 20, "testimony": 15, "petition": 15, "one_on_one": 15,
                    "social_post": 10},
    "neighbourhood_council": {"testimony": 30, "letter": 25, "petition": 25, "social_post": 10,
                              "call": 10},
    "ngo": {"call": 30, "letter": 20, "testimony": 20, "text": 10, "social_post": 20},
    "mutual_aid": {"call": 35, "text": 35, "social_post": 20, "one_on_one": 10},
    "youth_group": {"text": 30, "social_post": 25, "door_knock": 20, "petition": 15, "call": 10},
}  # fmt: skip
SHIFT_ACTIVITIES = {
    "tenant_union": ("canvass", "phone bank", "tenant hotline", "data entry"),
    "labour_union": ("picket line", "phone bank", "member outreach"),
    "faith_group": ("meal service", "childcare", "setup"),
    "neighbourhood_council": ("park cleanup", "setup", "newsletter"),
    "ngo": ("clinic intake", "hotline", "translation"),
    "mutual_aid": ("food distribution", "grocery delivery", "intake", "warehouse sorting"),
    "youth_group": ("canvass", "art build", "text bank"),
}
# How much volunteering and how many actions a kind of org logs, relative to the rest.
SHIFT_FACTOR = {
    "tenant_union": 0.8, "labour_union": 0.7, "faith_group": 1.0, "neighbourhood_council": 0.6,
    "ngo": 1.5, "mutual_aid": 2.6, "youth_group": 1.0,
}  # fmt: skip
ACTION_FACTOR = {
    "tenant_union": 1.2, "labour_union": 1.4, "faith_group": 0.7, "neighbourhood_council": 0.6,
    "ngo": 0.8, "mutual_aid": 0.5, "youth_group": 1.3,
}  # fmt: skip
# How generated orgs of the kind are named ({place} from vocabulary.PLACES).
KIND_NAMES = {
    "tenant_union": "{place} Tenants Union",
    "labour_union": "{place} Workers Local {number}",
    "faith_group": "{place} Interfaith Council",
    "neighbourhood_council": "{place} Neighbourhood Council",
    "ngo": "{place} Community Law Project",
    "mutual_aid": "{place} Mutual Aid",
    "youth_group": "{place} Youth Organizing Collective",
}
# Orgs of kinds that share a circle share members and co-host events.
CIRCLES = {
    "tenant_union": {"housing"},
    "ngo": {"housing"},
    "neighbourhood_council": {"housing", "neighbourhood"},
    "faith_group": {"housing", "labour"},
    "labour_union": {"labour"},
    "mutual_aid": {"neighbourhood"},
    "youth_group": {"neighbourhood"},
}
