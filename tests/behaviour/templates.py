"""Sentences from templates, CheckList style: hundreds of clear-cut cold sentences per category, and near-miss
controls that must stay quiet.

Plain Python with no test framework, so that tests/behaviour/test_behaviour.py and bench/robustness.py both
use it. Everything is deterministic: a template's slots are either crossed in full or, for the variety slots
(verbs, objects, facts), taken in turn by a running counter, never drawn at random.

`items()` returns every item once: an `Item` with the text, the category whose phrasing it exercises, the
verdict the rubric gives ("warn": a coach would ask for a rewrite; "quiet": it must not get a warning), the
template family it came from (to tell which family a failure belongs to) and, for the verdicts the context
decides, the customer's message it answers. `customers()` returns the generated customer messages with the
mood each must read as.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import product
from typing import NamedTuple


def _list(text: str) -> tuple[str, ...]:
    """Table cells separated by '|' or line ends, stripped."""
    return tuple(cell.strip() for line in text.splitlines() for cell in line.split("|") if cell.strip())


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Cells of 'first/second' pairs (either may be empty)."""
    return tuple(
        (first.strip(), second.strip()) for first, _, second in (c.partition("/") for c in _list(text))
    )


# ---------------------------------------------------------------------------------------------------------
# Data tables
# ---------------------------------------------------------------------------------------------------------

# Who speaks for the company, as subject/person: "we" (plural), "I", or "it" (third person singular).
AGENT_SUBJECTS = _pairs("""
    we/we | I/I | our team/it | our support team/it | the store/it | the company/it
    Acme/it | Brightline/it | Northwind Telecom/it
    the store team/it | our warehouse/it | the returns team/it | our shipping department/it
    head office/it | management/it | our technicians/we | our engineers/we
    my manager/it | my supervisor/it | my team/it
""")
THIRD_PARTIES = _list("""
    the seller | the manufacturer | your bank | another team | the courier | your carrier
    the app's developer | our billing department
""")
THIRD_SUBJECTS = _pairs("""
    they/we | the seller/it | the manufacturer/it | your bank/it | another team/it | the courier/it
    your carrier/it
""")
# A refusal's modal as head/tail: an adverb goes before a plain head and after a "{be}" head, a parenthetical
# between head and tail. "{possible}" is "it is not possible for us (me, Acme...)".
REFUSAL_MODALS = _pairs("""
    can't/ | cannot/ | can not/ | {be}/unable to | {be}/not able to | would/not be able to
    will/not be able to | won't/be able to | would/be unable to | {be}/no longer able to | {possible}/
    can/never | can't/possibly | couldn't/possibly
""")
# An inability after "Unfortunately,", in its modal forms.
UNFORTUNATELY_CANNOT = _list("""
    can't | cannot | {be} unable to | can no longer | {has} no way to | {be} no longer able to
    won't be able to | {be} not in a position to
""")
ADVERBS = _list("currently | really | simply | unfortunately | sadly")
PARENTHETICALS = _list("unfortunately | sadly | at this time | I'm afraid")
LEADS = _list("Unfortunately, | Sadly, | At this time, | I'm sorry, but")
TRAILS = _list("at this time | right now | at the moment")
REMEDIES = _list("""
    refund the order | change the delivery address | reverse the charge | unlock the account
    cancel the subscription | extend the warranty | replace the item | waive the late fee
    transfer the booking to your partner | upgrade the plan for free | ship to your country
    send a technician before Friday | reactivate the promo code | merge the two accounts
    restore the deleted files | promise delivery before Friday | promise a callback today
    rebook the flight on a partner airline | rebook the appointment for next week
""")
# What the company offers, stocks, takes or makes good, said as a standing no ("We don't refund opened
# items"), with the negations that say it; "never" takes the third person's -s ("Acme never ships ...").
OFFERINGS = _list("""
    offer phone support | refund opened items | exchange sale items | ship to PO boxes
    accept returns on opened cosmetics | repair water damage | replace lost items | deliver on Sundays
    stock the larger size | support Linux | reimburse taxi fares | guarantee delivery times
    issue refunds for digital orders | sell gift cards in store | cover accidental damage
""")
DONT = _list("{do}n't | {do} not | never | {do}n't currently | {do} not, sadly, | really {do}n't")
# What the company says is not possible, as the subject of its own clause ("Exchanges are not possible on
# sale items"), singular/plural; and how it says so, as singular/plural verb phrases (in the present: the
# future, "won't be possible", is not caught yet, see docs/evaluation.md).
IMPOSSIBLE_THINGS = _pairs("""
    a refund after 30 days/ | same-day delivery to your area/ | a partial refund on this order/
    /exchanges on sale items | /changes to the booking | /refunds for digital purchases
    an upgrade mid-contract/ | /returns without a receipt
""")
NOT_POSSIBLE = _pairs("""
    is not possible/are not possible | isn't possible/aren't possible
    is no longer possible/are no longer possible
    is not an option/are not an option | is not doable/are not doable | isn't an option/aren't an option
    is really not possible/are really not possible | is, sadly, not possible/are, sadly, not possible
    will not be possible/will not be possible | won't be possible/won't be possible
    would not be possible/would not be possible | wouldn't be possible/wouldn't be possible
    will no longer be possible/will no longer be possible | won't be an option/won't be an option
    will sadly not be possible/will sadly not be possible | would not be doable/would not be doable
""")
# What the company offers, named as unavailable: bare plurals and singulars at the clause's start.
UNAVAILABLE_THINGS = _pairs("""
    a refund/refunds | a partial refund/partial refunds | an exchange/exchanges | an upgrade/upgrades
    a repair/repairs | a discount/discounts
""")
NOT_AVAILABLE = _pairs("""
    is not available/are not available | isn't available/aren't available
    is no longer available/are no longer available | is, sadly, not available/are, sadly, not available
    will not be available/will not be available | won't be available/won't be available
    will no longer be available/will no longer be available | would not be available/would not be available
""")
UNAVAILABLE_TAILS = ("for digital gift cards", "on sale items", "after 30 days", "")
# A thing named bare as what cannot be done: "Refunds cannot be issued for digital orders".
PASSIVE_THINGS = _list("Refunds | Orders | Bookings | Exchanges | Returns | Upgrades")
PASSIVE_CANNOT = _list("cannot be | can't be | can no longer be | won't be | will not be")
PASSIVE_DONE = _list("""
    issued after 30 days | cancelled after dispatch | transferred to another name | changed once confirmed
    processed on a bank holiday | refunded to a different card
""")
# The company's tools as the reason it cannot: "Our system won't let me change it".
SYSTEMS = _list("Our system | The system | Our booking system | The platform | Our billing software")
SYSTEM_REFUSES = _list("""
    doesn't let me | won't let us | does not allow me to | won't allow us to | will not let me
""")
# Inability said without a subject that acts: "It is not within our power to ...".
NOT_IN_OUR_POWER = _list("""
    It is not within our power to | It's not within our power to | It isn't in our power to
    It is not in my power to | Sadly, it's not within our power to
""")
ALTERNATIVES = _list("""
    send a replacement | offer store credit | arrange a free repair | book a technician
    refund the shipping cost | extend your trial by a month
""")
WHEN = _list("today | right away | this afternoon")
DONE = _list("""
    I've sorted it out for you today | I've fixed it for you | a replacement is already on its way
    I've refunded the shipping cost
""")

# Obligations put on the customer, as head/tail like the refusal modals.
OBLIGATIONS = _pairs("""
    /need to | /have to | must/ | are/required to | will/be required to | are/expected to | will/need to
    'll/have to | will/have to | 'll/need to | 're going to/have to | 've/got to
""")
BLAME_ADVERBS = _list("really | first | also | simply | still | now")
BLAME_LEADS = _list("First, | To get the refund, | Before we can continue, | Sorry, but | Please note that")
CUSTOMER_ACTIONS = _list("""
    fill out the return form | send us the receipt | restart the router | reset your password
    update the app | sign in again | pay the outstanding balance | print the shipping label yourself
    return the item at your own cost | wait 48 hours | bring the device to a store
    upload a copy of your ID | re-enter your card details
""")
# base form/past participle, for "you failed to ..." and "you should have ..."
CUSTOMER_LAPSES = _pairs("""
    contact us in time/contacted us in time | keep the receipt/kept the receipt
    read the terms/read the terms | check the address/checked the address
    cancel before the renewal/cancelled before the renewal
    update the app/updated the app | use the right card/used the right card
""")
LAPSE_FORMS = _list(
    "You should have {pp} | You should've {pp} | You were supposed to {base} | You failed to {base}"
)

ON_YOUR_SIDE = _list("on your side | on your end | at your end | with you")
RESPONSIBLE_FOR = _list("""
    returning the item within 14 days | checking the address before you order
    reporting damage within 48 hours | cancelling before the renewal date | paying the return postage
    backing up your files before the repair
""")

DEFLECT_OBLIGATIONS = _list("""
    You'll need to | You will need to | You need to | You have to | You'll have to | You'd have to
    You would need to | You must | You will be required to | Please
""")
CONTACT_VERBS = _list(
    "contact | reach out to | get in touch with | speak to | call | ask | take this up with | raise this with"
    " | direct your query to"
)
CONTACT_TAILS = ("", " about the refund", " for a refund", " directly", " for help with that")
# Advice that sends the customer elsewhere ("You'd be better off asking your bank"), and a third party named
# as the one the customer should go to ("Your carrier is the one to ask").
BETTER_OFF = _list("You'd be better off | You would be better off | You're better off")
CONTACT_ING = _list("contacting | asking | calling | speaking to | getting in touch with | checking with")
THE_ONES = _list("""
    the one to ask | the one to contact | the ones to talk to | the one who handles returns
    the one who deals with refunds | the people to ask about that
""")
# A third party named as the one the question belongs to ("That's a question for your internet provider").
QUESTION_FOR = _list("""
    That's a question for | That is a question for | That's one for | That's a matter for
    That's really a question for | This is a question for
""")
OTHER_PROVIDERS = _list("""
    your internet provider | your energy supplier | your broadband provider | the insurer | your insurer
    the travel agent
""")
THIRD_OBLIGATIONS = _list("will need to | would need to | will have to | would have to | {has} to | must")
THIRD_ACTIONS = _list("""
    process the refund | handle the claim | look into the missing parcel | replace the device
    sort out the charge | approve the return | deal with this
""")

POLICY_LEADS = _list("""
    As per our policy, | Per our policy, | Per company policy, | According to our policy,
    Due to company policy, | Because of our policy, | In line with our policy,
    As per the terms and conditions, | Under our terms of service, | As per the regulations,
    Due to regulations, | Our policy states that | Company policy says | As per Acme's policy,
    As per Brightline's policy, | Under Northwind Telecom's terms,
""")
POLICY_FACTS = _list("""
    refunds take up to 10 days | deposits are non-refundable | we can only refund the original card
    opened items cannot be returned | orders cannot be changed after dispatch | the late fee still applies
    the account stays locked for 24 hours | returns close after 30 days | we need the original receipt
    gift cards cannot be exchanged
""")
# Rules as the subject that blocks: bare or named, before a gerund or a thing ("Regulations prevent us from
# opening the account", "Company policy doesn't allow exceptions").
RULE_SUBJECTS = _pairs("""
    Regulations/plural | Company policy/singular | Our policy/singular | The terms/plural
    Data protection rules/plural | Our terms of service/plural | Bank regulations/plural
""")
RULE_BLOCKS = _pairs("""
    prevent us from/prevents us from | stop us from/stops us from | don't allow us to/doesn't allow us to
""")
BLOCKED_GERUNDS = _list("""
    opening the account without proof of address | refunding a used gift card | sharing the invoice by chat
    changing the name on a ticket
""")
BLOCKED_VERBS = _list("""
    open the account without proof of address | refund a used gift card | share the invoice by chat
    change the name on a ticket
""")
BLOCKED_THINGS = _list("exceptions to the returns window | refunds on sale items | exchanges after 30 days")
NOT_ALLOWED = _list(
    "{be} not allowed to | {be} not permitted to | {be} not authorised to | {do}n't have permission to"
)

FACTS = _list("""
    the refund takes 5 days | the code expires after an hour | the reset button is on the back
    the fee was listed at checkout | the app has to be updated first | returns close after 30 days
    the parcel is with the courier | the discount only applies to new orders | your plan renews on the 1st
    the warranty covers parts, not labour
""")
UNKNOWNS = _list("""
    when the parcel will arrive | whether the refund went through | if the outage will be fixed today
    why the payment failed | how long the repair will take | when the item will be back in stock
    what happened to your order
""")
# A hedge that promises nothing either way ("It may or may not arrive this week").
MAY_OR_MAY_NOT = _list("may or may not | might or might not | may or might not")
DONT_KNOW = _list(
    "{do}n't know | {do} not know | {has} no idea | {be} not sure | {be} not certain | can't say"
)
HOPES = _list("""
    the parcel arrives this week | the refund goes through soon | the fix goes out tomorrow
    the stock comes back next month | the engineer can make it on Friday | the new card works this time
""")
TOPICS = _list("the outage | your refund | the missing parcel | the restock | the next release")
AS_I_SAID = _list("""
    As I already said, | As I said before, | As I've already explained, | As I mentioned, | As mentioned,
    As previously mentioned, | As stated, | As stated above, | As I told you, | Like I said,
    Like I already said, | Per my last email, | Per my previous message, | Again, | Once again,
    For the last time, | As I have explained several times, | As we already told you,
""")
RESERVED_ACTIONS = _list("""
    cancel your order | refuse service | close your account | decline the refund | change the price
    withhold the refund | cancel any booking | amend these terms at any time
""")
DISCRETIONARY = _list("Refunds | Exchanges | Goodwill credits | Price adjustments | Compensation payments")
DISCRETION = _list("""
    our discretion | our sole discretion | the company's discretion | the store's discretion
    the manager's discretion | our absolute discretion
""")
THREATENED_STEPS = _list("""
    do so | pay by Friday | return the device | send the documents | reply within 7 days | settle the balance
""")
PENALTIES = _list("""
    your account being closed | the suspension of your account | a late fee | cancellation of your order
    your service being disconnected | account closure | termination of your contract
""")
PENALIZED_THINGS = _list("account | order | booking | subscription | service")
PENALIZED = _list("closed | suspended | cancelled | terminated | disconnected")
PENALIZERS = _pairs("we/suspend | we/close | Acme/cancel | the company/terminate | we/have to close")
BOUND_BY = _list("comply with | follow | abide by | adhere to | stick to | enforce")
RULES_FOLLOWED = _list("""
    the regulations on those items | our terms of service | the card network's rules
    data protection regulations | our licensing agreements with the studios
""")
NECESSITIES = _list(
    "must | {has} to | will have to | will need to | {be} going to have to | {be} required to"
)
WITHDRAWALS = _list("""
    close accounts that have been inactive for two years | retire support for older phones
    discontinue the legacy plan at the end of the month | cancel your order | end the free trial early
    remove the offline mode from the app | suspend your account while we review it
    shut down the old community forum | stop offering paper invoices | phase out the basic plan
""")
AGENT_UNCLEAR = _list("""
    don't clearly see which order you mean | can't clearly see the serial number in the photo
    didn't clearly explain the steps | couldn't clearly hear the last part of the call
    haven't clearly said when the sale ends | won't obviously see the change until tomorrow
""")
CALM = _list("calm down | relax | settle down | chill out | calm yourself down")
CALM_LEADS = ("", *_list("Please | Just | Okay, | Look, | Sir, | Ma'am, | Hey,"))
REASSURANCES = _list("""
    I'm looking at your order now | the refund is on its way | it's only a two-day delay
    the parcel will turn up | we'll get to your ticket
""")
OVERREACTING = _list("You're overreacting | You are overreacting | Honestly, you're overreacting")
BIG_DEAL = _list("""
    It's not a big deal | It's no big deal | This isn't a big deal | That's not a big deal
    It's really not a big deal | It isn't that big of a deal | This is not a big deal
""")
JUST_HOW = _list("""
    that's just how it is | that's just the way it is | it is what it is | that's just how things are
    that's simply how it works
""")
CHANGES = _list("""
    Prices went up for everyone | The sale has ended | The app logs you out after an hour
    Delivery takes longer in winter | The old plan was retired
""")
BRIGHT = _list("""
    Look on the bright side, | Well, look on the bright side, | On the bright side, | Cheer up,
    Hey, cheer up, | Chin up, | Don't be sad, | Turn that frown upside down,
    Stay positive, | Just stay positive, | Keep smiling, | Try to stay positive,
""")
SILVER_LININGS = _list("""
    you'll get the faster model once it arrives | the replacement ships tomorrow
    you still have the old phone | the refund is only a week away | you got a free month out of it
    now you know to keep the receipt
    it could have been worse | the parcel will turn up eventually | you'll have a story to tell
    you saved money on the sale | the new version is even better | you won't have to deal with it again
""")
LIMITS = _list("""
    digital purchases are not refundable | the offer has ended | the item is out of stock
    your order is not eligible for a refund | the warranty has expired
    this plan doesn't include phone support
    the promo code is no longer valid | the delivery slot is fully booked
""")
THINGS = _list("Save button | Orders tab | reset link | invoice | tracking number")
WHERE = _list("on your screen | in the app | in the email")

# The customer's side of a conversation: a plain fact about their item or case, calm on its own, then one
# sentence that makes the message upset without any of the strong words ("ridiculous", "unacceptable"), by
# meaning. Each meaning in many wordings; "it" is the item or the case the fact names.
SITUATIONS = _list("""
    I left my laptop at your store for a repair on the 3rd.
    My order was due to arrive on Monday.
    I sent my phone to your repair centre under warranty.
    I swapped the blender at your shop for a new one in June.
    The refund for my cancelled booking was approved in May.
    I bought a sofa on your website in the spring.
""")
UPSET_CUES: dict[str, tuple[str, ...]] = {
    # The company lost the customer's thing, or cannot say where it is.
    "lost": _list("""
        Now they don't know where it is.
        Now nobody can tell me where it is.
        Your store has no idea where it is now.
        It seems to have gone missing somewhere between you and the courier.
        Somehow it went missing after that.
        You've lost it.
        You lost my parcel.
        They have lost my laptop.
        Your team has misplaced it.
        The repair centre can't find it anywhere.
        Your staff couldn't locate it when I asked.
        Now it has disappeared from your system.
        It has vanished from the tracking page.
        The courier says it was delivered but it never turned up.
        Apparently it got lost in your warehouse.
        Your people can't tell me where it's gone.
    """),
    # Being passed from one part of the company to another, and back.
    "passed-around": _list("""
        They sent me to you and now you're sending me back to them.
        The store told me to call you, and you told me to go back to the store.
        I keep getting passed from one department to the next.
        I've been bounced between three teams this week.
        Every person I speak to sends me somewhere else.
        I've been transferred from team to team all morning.
        I'm going round in circles with you.
        Your shop blames you and you blame the shop.
        I've been passed back and forth for a week.
        Everyone keeps telling me to ask someone else.
    """),
    # An exasperated question after the complaint.
    "exasperated": _list("""
        What's going on?
        What is going on here?
        What on earth is going on?
        What is happening with my order?!
        How hard can it be?
        How difficult can it be to give me an answer?
        How much longer do I have to wait?
        How many times do I have to explain this?
        Is anyone actually reading my messages?
        Does anybody even care?
        What am I supposed to do now?
        Why is this so complicated?
        Can anyone give me a straight answer?
        Are you kidding me?
    """),
    # Time the customer has lost to it: weeks of waiting, chasing, hours on hold, nothing heard back.
    "time-wasted": _list("""
        I've been waiting for weeks.
        I have been waiting since March.
        It's been weeks.
        Weeks later, nothing.
        I still haven't heard back.
        It still hasn't arrived.
        I've wasted hours on the phone with you.
        I've been on hold for over an hour.
        I've been chasing this every day since then.
        I was promised a call back that never came.
        Not a single update in ten days.
        I haven't heard anything from you since.
        That was a month ago and it's still not sorted.
        I'm wasting my whole week on this.
        I was on hold for an hour this morning.
        I spent 40 minutes on hold yesterday.
        I've been waiting two weeks for a reply.
        We have been waiting over a month for the refund.
    """),
}
# Messages of a calm customer that stay calm: status questions, their own mistakes, one referral, a part
# missing from an order, a wait that is not over yet.
CALM_CUSTOMERS = _list("""
    Where is my order? It says shipped.
    What's the status of my repair?
    Could you tell me where my parcel is? The tracking hasn't updated since yesterday.
    I lost my password, how do I reset it?
    I can't find the tracking number for my order.
    The store told me to contact you about the warranty. What do you need from me?
    How long does a repair usually take?
    How hard is it to set up the router myself?
    Is my parcel lost? It's been two days and the tracking hasn't moved.
    My parcel is missing one of the cables, can you send it?
    The repair centre sent it back to the store yesterday, when can I collect it?
    I've been using the laptop for weeks and I'd like to add more memory.
    I've been waiting for the new model to come out. Is it in stock yet?
    What happens to my order if I move house?
    Is anyone available to help me choose a plan?
    How many times can I change my delivery slot?
    What's going on with the sale, does it end today?
    Can I put my subscription on hold for a month while I travel?
    Delivery takes two weeks, is that right?
    I'm happy to wait a few days for the new stock.
""")
# Sending the customer to the company's own support: a purpose clause after instructions, and the plain
# "please contact / visit" forms. To an upset customer each is a bare redirect; to a calm one, help.
SUPPORT_REDIRECTS = _list("""
    Open the link and follow the prompts to reach our phone support team.
    Use the form below to get in touch with our support team.
    Go to our site to contact the repair team.
    Follow the steps on the contact page to reach phone support.
    Click the link below to chat with the support team.
    Fill in the web form to get through to our customer care team.
    Please call the number below to speak with our technical support team.
    Sign in to your account and open a chat to reach our support agents.
    Visit the contact page and enter your order number to reach customer service.
    Please use the link to get a case number and a phone number for our support line.
    Select your product on the page to find the number for the helpline.
    Head to the help centre and pick Contact us to talk to our support team.
    Please contact our phone support for an update on the repair.
    Please visit our help centre for the next steps.
    For order questions, please contact our customer care team.
""")
# The same pointers owned by the agent, made conditional, followed by what the agent does, or aimed at a
# task rather than at support: quiet whoever the customer is.
OWNED_REDIRECTS = _list("""
    I'll contact our phone support team for you and call you back by 5pm.
    I've asked the support team to call you today.
    Let me get in touch with our repair team and come back to you within the hour.
    If that doesn't work, our support team can help.
    If the reset doesn't fix it, please use the form below to reach our support team.
    Use the form below to reach our support team, and I've flagged your case to them as urgent.
    Open the link and follow the prompts to reset your password.
    Use the form below to tell us which item is missing, and I'll send it today.
    I'd be glad to contact the repair team to find out where it is.
""")

# Repeat-ask: what a customer says they already did, and a reply asking them to do it (again). An action as
# base/ing/past with the customer's object ("my ...") and the reply's ("your ...").
TRIED_ACTIONS = tuple(
    tuple(cell.strip() for cell in row.split(","))
    for row in _list("""
        reset, resetting, reset, my password, your password
        restart, restarting, restarted, the router, the router
        clear, clearing, cleared, the cache, your browser's cache
        reinstall, reinstalling, reinstalled, the app, the app
        update, updating, updated, the app, the app to the latest version
        cancel, cancelling, cancelled, my subscription, your subscription
        unplug, unplugging, unplugged, the charger, the charger
        send, sending, sent, the screenshot, the screenshot
    """)
)
# The customer's claim: {base} {ing} {past} {obj}.
TRIED_CLAIMS = _list("""
    I've already {past} {obj}.
    I {past} {obj} twice and it still doesn't work.
    I have tried {ing} {obj}, nothing changes.
    I've been trying to {base} {obj} all week!
    I tried to {base} {obj} three times.
    I can't {base} {obj}, it keeps failing.
    I'm still unable to {base} {obj}.
    I keep trying to {base} {obj} and it fails.
    We already {past} {obj} this morning and nothing happened.
    Honestly I've {past} {obj} five times now.
""")
# Claims that cover any action: they tried everything.
TRIED_EVERYTHING = _list("""
    I've tried everything and it still doesn't work. | I followed all the steps and it's still broken.
    We've done everything you suggested. | I went through every step on your help page.
""")
# The reply's request: {base} {ing} {obj} (the reply's object).
TRIED_REQUESTS = _list("""
    Have you tried {ing} {obj}? | Did you try {ing} {obj}?
    Just to check, have you already tried {ing} {obj}? | Please try {ing} {obj}.
    Could you try {ing} {obj}? | Please try to {base} {obj}.
    We'd recommend you try to {base} {obj}. | Can you try to {base} {obj} again?
""")
# Near misses: the customer did something else, asked how, said they have not, or asks whether to.
UNTRIED_CLAIMS = _list("""
    How do I {base} {obj}? | I haven't {past} {obj} yet. | Should I try {ing} {obj}?
    I'm about to {base} {obj}, anything I should know? | Is it safe to {base} {obj}?
""")
# Replies that name what the customer tried, or ask about it in a condition or a question of what happened.
TRIED_ACKNOWLEDGED = _list("""
    Since you've already tried {ing} {obj}, could you tell me what happened?
    Thanks for trying {ing} {obj} already; I've passed this to our engineers.
    When you tried {ing} {obj}, what did the screen show?
""")

WARN = "warn"
QUIET = "quiet"
# Categories with warn templates, each with at least MIN_WARN of them.
WARN_CATEGORIES = _list("""
    refusal | policy | deflection | blame | uncertainty | condescension | dismissive | negative-framing
    toxic-positivity | repeat-ask
""")
MIN_WARN = 200


class Item(NamedTuple):
    """One generated sentence: the text, the category it exercises, "warn" or "quiet", its family, and the
    customer's message it answers, if any."""

    text: str
    category: str
    expected: str
    family: str
    # The customer's message the text answers (None: judged without one).
    customer: str | None = None


# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------


def _maker(category: str, expected: str) -> Callable[..., Item]:
    """A function making the items of one category and verdict: make(text, family[, customer])."""

    def make(text: str, family: str, customer: str | None = None) -> Item:
        return Item(text, category, expected, f"{category}/{family}", customer)

    return make


def _conjugate(template: str, subject: str, person: str) -> str:
    """Fill {be}, {do}, {has} and {possible} for the subject's person ("we are", "Acme is", "for me")."""
    third = person == "it"
    return template.format(
        be={"we": "are", "I": "am"}.get(person, "is"),
        do="does" if third else "do",
        has="has" if third else "have",
        possible=f"it is not possible for { ({'we': 'us', 'I': 'me'}.get(person, subject)) }",
    )


def _join(*words: str) -> str:
    """The non-empty words joined by spaces."""
    return " ".join(w for w in words if w)


def _cap(text: str) -> str:
    """The text with its first letter upper case."""
    return text[:1].upper() + text[1:]


def _sentence(*words: str) -> str:
    """The words as one sentence: capitalized, ending with a full stop."""
    return _cap(_join(*words)) + "."


def _statement_or_question(text: str) -> str:
    """A question as written; anything else as a sentence (`_sentence`)."""
    return text if text.endswith("?") else _sentence(text)


def _turns(values: Sequence[str]) -> Callable[[], str]:
    """A function giving the values in turn, round and round: the deterministic variety slot."""
    state = {"next": 0}

    def take() -> str:
        value = values[state["next"] % len(values)]
        state["next"] += 1
        return value

    return take


def _modal_clause(subject: str, head: str, tail: str, slot: str, word: str, rest: str) -> str:
    """'subject head tail rest' with the slot's word placed: adverb, parenthetical, lead or trail."""
    be_head = head in ("am", "are", "is")
    if head.startswith("it is not possible"):
        subject, head, tail, be_head = "", "it is", head.removeprefix("it is ") + " to", True
    if slot == "adverb":
        return _join(subject, head, word, tail, rest) if be_head else _join(subject, word, head, tail, rest)
    if slot == "parenthetical":
        return _join(subject, f"{head}, {word},", tail, rest)
    if slot == "lead":
        return _join(word, subject, head, tail, rest)
    if slot == "trail":
        return _join(subject, head, tail, rest, word)
    return _join(subject, head, tail, rest)


def _obligation_clause(head: str, tail: str, slot: str, word: str, action: str) -> str:
    """'you head tail action' with the slot's word placed: adverb, parenthetical or lead."""
    you = "you" + head if head.startswith("'") else _join("you", head)
    if slot == "adverb":
        return _join(you, word, tail, action)
    if slot == "parenthetical":
        full = {"'ll": "will", "'re going to": "are going to", "'ve": "have"}.get(head, head)
        return _join(f"you {full}, {word},", tail, action)
    if slot == "lead":
        return _join(word, you, tail, action)
    return _join(you, tail, action)


SLOTS: tuple[tuple[str, str], ...] = (
    ("plain", ""),
    *(("adverb", a) for a in ADVERBS),
    *(("parenthetical", p) for p in PARENTHETICALS),
    *(("lead", lead) for lead in LEADS),
    *(("trail", t) for t in TRAILS),
)

# ---------------------------------------------------------------------------------------------------------
# Warn templates
# ---------------------------------------------------------------------------------------------------------


def refusal() -> Iterator[Item]:
    """Agent subjects x refusal modals x adverb slots, the remedy taken in turn."""
    make, remedy = _maker("refusal", WARN), _turns(REMEDIES)
    for (subject, person), (head, tail), (slot, word) in product(AGENT_SUBJECTS, REFUSAL_MODALS, SLOTS):
        clause = _modal_clause(subject, _conjugate(head, subject, person), tail, slot, word, remedy())
        yield make(_sentence(clause), slot)


def unavailable_and_system() -> Iterator[Item]:
    """What the company offers named as unavailable ("Refunds are not available for digital gift cards"), and
    its system as what cannot ("Our system won't let me change the date": policy's, blaming the tool)."""
    make, remedy = _maker("refusal", WARN), _turns(REMEDIES)
    things = product(UNAVAILABLE_THINGS, NOT_AVAILABLE, UNAVAILABLE_TAILS)
    for (one, many), (singular, plural), tail in things:
        yield make(_sentence(one, singular, tail), "unavailable")
        yield make(_sentence(many, plural, tail), "unavailable")
    done = _turns(PASSIVE_DONE)
    for thing, cannot, lead in product(PASSIVE_THINGS, PASSIVE_CANNOT, ("", "Sorry,")):
        yield make(_sentence(lead, thing if not lead else thing.lower(), cannot, done()), "passive-bare")
    for system, refuses, lead in product(SYSTEMS, SYSTEM_REFUSES, ("", "Unfortunately,", "Sorry,")):
        subject = system[0].lower() + system[1:] if lead else system
        yield _maker("policy", WARN)(_sentence(lead, subject, refuses, remedy()), "system")


def no_plans() -> Iterator[Item]:
    """No plans to offer it, and not obliged to make it good: a no without a way forward."""
    make = _maker("refusal", WARN)
    offers = _turns(
        _list("""
        add that feature | add a dark mode option | offer phone support | bring back the old plan
        support older phones | ship to Canada | introduce a family plan
    """)
    )
    for (subject, person), form in product(AGENT_SUBJECTS, ("{has} no plans to", "{has} no plan to")):
        yield make(_sentence(subject, _conjugate(form, subject, person), offers()), "no-plans")
    owed = _turns(
        _list("""
        refund partial months | replace items damaged in transit | compensate you for the delay
        extend the warranty | waive the late fee | reimburse the taxi fare
    """)
    )
    forms = _list("""
        {be} not obligated to | {be} not obliged to | {be} under no obligation to | {be} not required to
    """)
    policy = _maker("policy", WARN)
    for (subject, person), form in product(AGENT_SUBJECTS, forms):
        yield policy(_sentence(subject, _conjugate(form, subject, person), owed()), "not-obliged")


def dont_offer() -> Iterator[Item]:
    """A standing no to what the company offers: agent subjects x negations, the offering taken in turn ("We
    don't refund opened items", "Acme never ships to PO boxes")."""
    make, offering = _maker("refusal", WARN), _turns(OFFERINGS)
    for (subject, person), negation in product(AGENT_SUBJECTS, DONT):
        verb, _, rest = offering().partition(" ")
        if negation == "never" and person == "it":
            verb += "s"
        yield make(_sentence(subject, _conjugate(negation, subject, person), verb, rest), "dont-offer")


def impossible_things() -> Iterator[Item]:
    """What the company will not do, named as the subject ("Exchanges are not possible on sale items"), and
    inability with no subject that acts ("It is not within our power to ...")."""
    make, remedy = _maker("refusal", WARN), _turns(REMEDIES)
    for (one, many), (singular, plural) in product(IMPOSSIBLE_THINGS, NOT_POSSIBLE):
        yield make(_sentence(one or many, singular if one else plural), "thing-not-possible")
    for lead in NOT_IN_OUR_POWER:
        yield make(_sentence(lead, remedy()), "not-in-our-power")
    decided = ("{has} decided not to", "{has} chosen not to", "decided not to")
    for (subject, person), form in product(AGENT_SUBJECTS, decided):
        yield make(_sentence(subject, _conjugate(form, subject, person), remedy()), "decided-not-to")
    # "Not something we can do", with the ability said another way ("are able to", "would be able to").
    able = ("{be} able to", "would be able to", "will be able to", "can")
    verb = _turns(_list("do | offer | refund | arrange | change | accommodate | provide"))
    for that, (subject, person), can in product(
        ("That's not", "That isn't", "This is not", "Sorry, that's not", "Not"), AGENT_SUBJECTS[:8], able
    ):
        yield make(
            _sentence(that, "something", subject, _conjugate(can, subject, person), verb()), "not-something"
        )


def withdrawal() -> Iterator[Item]:
    """The company announcing, as a necessity, that it takes something away: agent subjects x necessity
    modals x adverb slots, the withdrawal taken in turn."""
    make, taken = _maker("refusal", WARN), _turns(WITHDRAWALS)
    slots = (("plain", ""), ("adverb", "now"), ("parenthetical", "sadly"), ("lead", "Unfortunately,"))
    for (subject, person), modal, (slot, word) in product(AGENT_SUBJECTS, NECESSITIES, slots):
        head, _, tail = _conjugate(modal, subject, person).partition(" ")
        yield make(_sentence(_modal_clause(subject, head, tail, slot, word, taken())), "withdrawal")


def policy() -> Iterator[Item]:
    """Rules cited as the reason, 'not allowed to' with agent subjects, 'it's company policy not to', rules
    the company itself must follow."""
    make, remedy = _maker("policy", WARN), _turns(REMEDIES)
    bound_by = _turns(BOUND_BY)
    for (subject, person), modal, rules in product(AGENT_SUBJECTS, NECESSITIES, RULES_FOLLOWED):
        head, _, tail = _conjugate(modal, subject, person).partition(" ")
        yield make(_sentence(_join(subject, head, tail, bound_by(), rules)), "bound-by-rules")
    for lead, fact in product(POLICY_LEADS, POLICY_FACTS):
        yield make(_sentence(lead, fact), "cited")
    slots = (("plain", ""), ("adverb", "currently"), ("adverb", "simply"), ("parenthetical", "unfortunately"))
    for (subject, person), form, (slot, word) in product(AGENT_SUBJECTS, NOT_ALLOWED, slots):
        head, _, tail = _conjugate(form, subject, person).partition(" ")
        yield make(_sentence(_modal_clause(subject, head, tail, slot, word, remedy())), "not-allowed")
    for owner, remedy_text in product(("company", "our", "store", "Acme's"), REMEDIES[:8]):
        yield make(_sentence(f"It's {owner} policy not to {remedy_text}"), "policy-not-to")
    for job in _list("""
        I'm just doing my job | I'm only doing my job | We're just doing our job | I'm just following orders
        Sorry, I'm just doing my job here | We are only doing our jobs
    """):
        yield make(_sentence(job), "doing-my-job")
    bound = ("{be} bound by", "{be} legally bound by", "{be} strictly bound by")
    for (subject, person), form, rules in product(AGENT_SUBJECTS, bound, RULES_FOLLOWED):
        yield make(_sentence(subject, _conjugate(form, subject, person), rules), "bound-by")
    gerund, verb = _turns(BLOCKED_GERUNDS), _turns(BLOCKED_VERBS)
    for (rules, number), (plural, singular) in product(RULE_SUBJECTS, RULE_BLOCKS):
        block = plural if number == "plural" else singular
        action = gerund() if block.endswith("from") else verb()
        yield make(_sentence(rules, block, action), "rules-block")
    # The customer's own consent cited as the reason: "You agreed to these terms when you signed up".
    agreed = _list("You agreed to | You accepted | You consented to | You've agreed to | You have accepted")
    terms = _list("these terms | our terms and conditions | the rental agreement | our cancellation policy")
    for said, rules, when in product(agreed, terms, ("when you signed up", "at checkout", "")):
        yield make(_sentence(said, rules, when), "you-agreed")
    allow = {"plural": "don't allow", "singular": "doesn't allow"}
    for (rules, number), thing in product(RULE_SUBJECTS, BLOCKED_THINGS):
        yield make(_sentence(rules, allow[number], thing), "rules-block")
    # The rule as the whole answer, said as going against it or pointed at: "That goes against our policy",
    # "Those are the rules".
    against = _list("That goes against | This goes against | That would go against | It goes against")
    rules_named = _list("our policy | company policy | our guidelines | the rules | our terms of service")
    for lead, goes, rules in product(("", "Sorry,", "I'm afraid"), against, rules_named):
        yield make(_sentence(lead, goes if not lead else goes[0].lower() + goes[1:], rules), "the-rule")
    for lead, those in product(
        ("", "Sorry,", "I'm afraid"),
        ("Those are the rules", "These are the rules", "Those are our policies", "These are our guidelines"),
    ):
        yield make(_sentence(lead, those if not lead else those[0].lower() + those[1:]), "the-rule")
    # The company's legal rights as the answer: "We reserve the right to cancel your order", "Refunds are at
    # our sole discretion".
    for (subject, person), how, what in product(AGENT_SUBJECTS, ("", "{do}", "always"), RESERVED_ACTIONS):
        verb = "reserve" if how == "{do}" or person != "it" else "reserves"
        reserves = _join(_conjugate(how, subject, person), verb, "the right to")
        yield make(_sentence(subject, reserves, what), "reserve")
    given = ("are", "are issued", "are only given", "are granted")
    for thing, are, whose in product(DISCRETIONARY, given, DISCRETION):
        yield make(_sentence(thing, are, "at", whose), "discretion")


def deflection() -> Iterator[Item]:
    """The customer sent to a third party, a third party made responsible, and 'not our department'."""
    make, tail, action = _maker("deflection", WARN), _turns(CONTACT_TAILS), _turns(THIRD_ACTIONS)
    for obligation, verb, party in product(DEFLECT_OBLIGATIONS, CONTACT_VERBS, THIRD_PARTIES):
        yield make(_sentence(obligation, verb, party + tail()), "contact")
    leads = ("", "Unfortunately,", "I'm afraid")
    for (party, person), form, lead in product(THIRD_SUBJECTS, THIRD_OBLIGATIONS, leads):
        yield make(_sentence(lead, party, _conjugate(form, party, person), action()), "third-party-must")
    forms = ("That's not {o} {t}", "That is not {o} {t}", "Sorry, that's not {o} {t}")
    for form, owner, thing in product(
        forms, ("our", "my"), ("department", "responsibility", "problem", "fault")
    ):
        yield make(_sentence(form.format(o=owner, t=thing)), "not-ours")
    # Disowning it in the voice of terms and conditions.
    disowners = _pairs("We/take | The company/accepts | Acme/bears | We/accept | Our store/takes")
    duties = ("no responsibility", "no liability")
    whats = ("for lost parcels", "for delays caused by the courier")
    for (who, verb), duty, what in product(disowners, duties, whats):
        yield make(_sentence(who, verb, duty, what), "no-responsibility")
    for form, party in product(
        ("That's handled by", "That is a question for", "Refunds are handled by"), THIRD_PARTIES
    ):
        yield make(_sentence(form, party), "handled-by")
    for grade in _list("""
        That's above my pay grade | That is above my pay grade | This is above my pay grade
        That's way above my pay grade | Sorry, that's beyond my pay grade | That's above our pay grade
    """):
        yield make(_sentence(grade), "pay-grade")
    for lead, verb, party in product(BETTER_OFF, CONTACT_ING, THIRD_PARTIES):
        yield make(_sentence(lead, verb, party + tail()), "better-off")
    best = _list("You'd be best placed to | You would be best placed to | You're best placed to")
    for lead, verb, party in product(best, ("ask", "contact", "speak to"), THIRD_PARTIES):
        yield make(_sentence(lead, verb, party + tail()), "better-off")
    for that, party in product(("That's", "That is", "This is", "Sorry, that's"), THIRD_PARTIES):
        yield make(_sentence(that, "between you and", party), "between-you")
    for (party, person), be, one in product(THIRD_SUBJECTS[1:], ("{be}", "would be", "will be"), THE_ONES):
        yield make(_sentence(party, _conjugate(be, party, person), one), "the-one-to-ask")
    for form, party, tail in product(QUESTION_FOR, OTHER_PROVIDERS, ("", ", not us")):
        yield make(_sentence(form, party + tail), "question-for")
    # The decision placed with someone else: "The decision rests with the underwriter".
    for what, rests, party in product(
        ("The decision", "That decision", "The final decision", "That call", "The outcome", "Any refund"),
        ("rests with", "lies with", "sits with", "is down to", "is up to"),
        THIRD_PARTIES,
    ):
        yield make(_sentence(what, rests, party), "rests-with")
    asks = ("you'd have to", "you'll need to", "you will have to")
    for party, obligation in product(OTHER_PROVIDERS, asks):
        yield make(
            _sentence(_cap(party), "is the one who decides on claims, so", obligation, "ask them"), "ask-them"
        )


def blame() -> Iterator[Item]:
    """Obligations on the customer x adverb slots, two actions each in turn; and 'you should have ...'."""
    make, action = _maker("blame", WARN), _turns(CUSTOMER_ACTIONS)
    slots = (
        ("plain", ""),
        *(("adverb", a) for a in BLAME_ADVERBS),
        *(("parenthetical", p) for p in ("unfortunately", "I'm afraid")),
        *(("lead", lead) for lead in BLAME_LEADS),
    )
    for (head, tail), (slot, word), _ in product(OBLIGATIONS, slots, range(2)):
        if head or slot != "parenthetical":
            yield make(_sentence(_obligation_clause(head, tail, slot, word, action())), slot)
    for form, (base, pp) in product(LAPSE_FORMS, CUSTOMER_LAPSES):
        yield make(_sentence(form.format(base=base, pp=pp)), "lapse")
    # Customers in general, in the policy's voice: "Customers must submit claims in writing".
    generic = _list("Customers | All customers | Every customer")
    general_action = _turns(
        _list("""
            submit claims in writing | keep the original receipt | bring photo ID to the store
            pay the deposit upfront | register the product within 30 days | return items in their box
        """)
    )
    generic_obligations = _list("must | need to | are required to | will need to | have to")
    for subject, obligation in product(generic, generic_obligations):
        if subject == "Every customer":
            singular = {"need to": "needs to", "have to": "has to", "are required to": "is required to"}
            obligation = singular.get(obligation, obligation)
        yield make(_sentence(subject, obligation, general_action()), "customers")
    on_you = _list("""
        That's on you | That one's on you | This one is on you | That part is on you | That was on you
        That one was all on you | Sorry, but that's on you
    """)
    for form, trail in product(on_you, ("", ", I'm afraid", " this time")):
        yield make(_sentence(form + trail), "on-you")
    # The fault placed on the customer's side: "The issue is on your end".
    for (fault, where), verb in product(
        product(_list("The problem | The issue | The fault | This issue | The error"), ON_YOUR_SIDE),
        ("is", "lies", "was"),
    ):
        yield make(_sentence(fault, verb, where), "your-side")
    for noun, where in product(("a problem", "an issue", "a fault"), ON_YOUR_SIDE[:3]):
        yield make(_sentence("It's", noun, where), "your-side")
    # Responsible for a step, alone: "You are responsible for returning the item within 14 days".
    steps = _turns(RESPONSIBLE_FOR)
    for form in _list("""
        You are responsible for | You're responsible for | You are solely responsible for
        You're fully responsible for | You are liable for | You remain responsible for
    """):
        for _ in range(2):
            yield make(_sentence(form, steps()), "responsible-for")

    # The obligation said impersonally: "It's necessary for you to send the receipt", "It is mandatory that
    # you bring photo ID".
    for it, need, form in product(
        ("It's", "It is", "Please note it is"),
        ("necessary", "essential", "mandatory", "required", "compulsory"),
        ("for you to {a}", "that you {a}"),
    ):
        yield make(_sentence(it, need, form.format(a=action())), "impersonal")
    # A penalty held over the customer: "Failure to do so will result in your account being closed", "Your
    # account will be closed if you don't pay", "If you don't pay by Friday, we will suspend your account".
    step = _turns(THREATENED_STEPS)
    for failure, (modal, lead_to), penalty in product(
        ("Failure to", "Please note that failure to"), (("will", "result in"), ("may", "lead to")), PENALTIES
    ):
        yield make(_sentence(failure, step(), modal, lead_to, penalty), "failure-to")
    for thing, done, lapse in product(PENALIZED_THINGS, PENALIZED, ("don't", "do not", "fail to")):
        yield make(_sentence(f"Your {thing} will be {done} if you {lapse} {step()}"), "or-else")
    for lapse, (who, verb), thing in product(("don't", "do not", "fail to"), PENALIZERS, PENALIZED_THINGS):
        yield make(_sentence(f"If you {lapse} {step()}, {who} will {verb} your {thing}"), "or-else")


def uncertainty() -> Iterator[Item]:
    """Not knowing, hoping and 'we'll see', with no promise to find out."""
    make, unknown, topic = _maker("uncertainty", WARN), _turns(UNKNOWNS), _turns(TOPICS)
    subjects = (*AGENT_SUBJECTS[:4], ("Acme", "it"))
    leads = ("", "Honestly,", "Unfortunately,", "To be honest,")
    for (subject, person), form, lead in product(subjects, DONT_KNOW, leads):
        yield make(_sentence(lead, subject, _conjugate(form, subject, person), unknown()), "dont-know")
    for hope, form in product(
        HOPES, ("Hopefully {h}", "Hopefully, {h}", "{h}, hopefully", "We're hoping {h}, but who knows")
    ):
        yield make(_sentence(form.format(h=hope)), "hopefully")
    for (subject, person), noun in product(subjects, ("information", "info", "details", "news", "update")):
        yield make(
            _sentence(subject, _conjugate("{do}n't have any", subject, person), noun, "on", topic()),
            "no-info",
        )
    for (subject, person), topic_text in product(subjects, TOPICS):
        yield make(
            _sentence(subject, _conjugate("{do}n't have an ETA for", subject, person), topic_text), "no-eta"
        )
    for no_idea in _list("No idea | No idea, sorry | Sorry, no idea | Honestly, no idea | No idea at all"):
        yield make(_sentence(no_idea), "no-idea")
    for hope in HOPES:
        yield make(_sentence("No idea if", hope), "no-idea")
        yield make(_sentence(f"We're still checking if {hope}, so we'll see"), "well-see")
    events = _list("""
        arrive this week | be fixed by Friday | go through today | come back in stock | work on your phone
    """)
    for subject, hedge, event in product(("It", "The parcel", "The refund"), MAY_OR_MAY_NOT, events):
        yield make(_sentence(subject, hedge, event), "may-or-may-not")


def condescension() -> Iterator[Item]:
    """Pointing back at earlier answers, 'obviously', 'read the manual', 'I already told you'."""
    make = _maker("condescension", WARN)
    for lead, fact in product(AS_I_SAID, FACTS):
        yield make(_sentence(lead, fact), "as-i-said")
    for word, fact in product(("Obviously", "Clearly"), FACTS):
        yield make(_sentence(f"{word},", fact), "obviously")
        yield make(_sentence(f"{fact}, {word.lower()}"), "obviously")
    for lead, verb, doc in product(
        ("", "Please", "Just"), ("read", "re-read", "check"), ("the manual", "the FAQ", "the instructions")
    ):
        yield make(_sentence(lead, verb, doc, "first"), "read-the-manual")
    # The same order said as "refer to": "Please refer to our FAQ."
    leads = ("", "Please", "Kindly", "Sorry, please")
    for lead, doc in product(leads, ("the manual", "our FAQ", "the user guide", "our help centre")):
        yield make(_sentence(lead, "refer to", doc), "read-the-manual")
    # The policy sent instead of an answer: "Please refer to our returns policy", "Kindly review our refund
    # policy".
    policies = _list("our returns policy | our refund policy | the cancellation policy | our shipping policy")
    for lead, verb, doc in product(("Please", "Kindly", ""), ("refer to", "read", "review"), policies):
        yield make(_sentence(lead, verb, doc), "read-the-policy")
    # Pointing back at what the customer was told when they bought: "This was made clear at booking."
    told = _list("""
        You were told this | You were informed of this | You were advised of this
        You were made aware of this | This was made clear | This was explained to you
        That was clearly stated | This was mentioned
    """)
    at = _list("""
        when you booked | at the time of booking | at checkout | before you signed up | during the call
    """)
    for lead, when in product(told, at):
        yield make(_sentence(lead, when), "you-were-told")
    for teller, fact in product(("I already told you", "We already told you", "I've told you twice"), FACTS):
        yield make(_sentence(teller, "that", fact), "told-you")
    when = _list("yesterday | last week | this morning | in my last message | on Monday | before")
    for lead, at, fact in product(
        ("Like I told you", "As I told you", "Like we said", "As we said"), when, FACTS[:4]
    ):
        yield make(_sentence(f"{lead} {at},", fact), "told-you-when")
    # Counting how often the agent has had to say it.
    already = _list("""
        I've already answered this | I have already explained this | We've already told you this
        I've already answered this question | I have explained that
    """)
    often = _list("twice | three times | several times | many times | over and over")
    for said, count in product(already, often):
        yield make(_sentence(said, count), "said-it-n-times")
    # Said already, and nothing more: the reproach is the whole sentence ("We've already explained this").
    # (Not "covered": "We have already covered the cost" is a deed, among the controls.)
    verbs, things = (
        _turns(_list("explained | answered | mentioned | said")),
        _turns(_list("this | that | this question | it | this before")),
    )
    for (subject, person), form in product(AGENT_SUBJECTS, ("{has} already", "already")):
        said = _conjugate(form, subject, person)
        yield make(_sentence(subject, said, verbs(), things()), "already-said")
    for (this, has), said, to_you in product(
        (("This", "has"), ("That", "has"), ("It", "has"), ("This", "had")),
        ("explained", "answered", "mentioned", "stated"),
        ("already been {s}", "already been {s} to you", "been {s} to you several times", "been {s} to you"),
    ):
        yield make(_sentence(this, has, to_you.format(s=said)), "already-said")
    for form, told, what in product(
        ("You have already been", "You've already been", "You had already been"),
        ("told", "informed", "advised"),
        ("this", "about this", "of this"),
    ):
        if not (told == "told" and what != "this") and not (told != "told" and what == "this"):
            yield make(_sentence(form, told, what), "already-said")
    # Told you so: "You were warned about this", "We did tell you this", "I warned you this would happen".
    warned = _list("""
        You were warned | You were warned about this | You were warned of this
        You have been warned about this | You've been warned | You were already warned about this
        You had been warned about this
    """)
    for lead, said in product(("", "Sorry, but", "Well,"), warned):
        yield make(_sentence(lead, said if not lead else said[0].lower() + said[1:]), "warned-you")
    for (subject, _), did, what in product(
        AGENT_SUBJECTS,
        ("did warn you", "did tell you", "warned you", "told you"),
        ("this would happen", "that this would happen", "this might happen", "about this", "so"),
    ):
        if did.startswith(("warned", "told")) and what in ("about this", "so") and did != "told":
            continue
        yield make(_sentence(subject, did, what), "warned-you")
    # Pointing at where it was said, with the adverb that makes it a reproach: "As clearly stated on our
    # website", "As previously mentioned in my email".
    for how, said, where, fact in product(
        ("clearly", "already", "previously", "I already", "we previously"),
        ("stated", "mentioned", "explained"),
        ("on our website", "in my email", "in our terms", "in the FAQ", "at checkout"),
        FACTS[:2],
    ):
        yield make(_sentence(f"As {how} {said} {where},", fact), "as-stated-in")
    nth = _list("second | third | fourth | fifth")
    saying = _list("""
        I'm explaining this | I am telling you this | I've had to explain this | we've told you this
    """)
    for which, said in product(nth, saying):
        yield make(_sentence(f"This is the {which} time {said}"), "nth-time")


def dismissive() -> Iterator[Item]:
    """'Calm down', 'overreacting', 'not a big deal', 'that's just how it is', 'there's nothing we can do'."""
    make, reassurance = _maker("dismissive", WARN), _turns(REASSURANCES)
    tail = _turns(("", "about it", "at this point", "now", "for you"))
    for calm, lead in product(CALM, CALM_LEADS):
        yield make(_sentence(lead, f"{calm},", reassurance()), "calm-down")
    for phrase, thing in product(
        OVERREACTING, ("a two-day delay", "one missing item", "a small fee", "the wait")
    ):
        yield make(_sentence(phrase, "about", thing), "overreacting")
    for phrase, fact in product(BIG_DEAL, FACTS):
        yield make(_sentence(f"{phrase},", fact), "big-deal")
    making = _list("""
        You're making a big deal out of nothing | You are making a big deal out of this
        You're making a mountain out of a molehill | You're blowing this out of proportion
        You are blowing this out of all proportion
    """)
    for phrase, trail in product(making, ("", ", honestly", " here")):
        yield make(_sentence(phrase + trail), "making-a-big-deal")
    tone = _list("""
        Please don't take that tone with me | Don't take that tone with us | There's no need for that tone
        Please watch your tone | I'd ask you to mind your tone | Please lower your tone
        Kindly change your tone | Please moderate your language | Watch your language
    """)
    for phrase, reassurance_text in product(tone, REASSURANCES):
        yield make(_sentence(f"{phrase},", reassurance_text), "tone")
    for phrase, change in product(JUST_HOW, CHANGES):
        yield make(_sentence(f"{change},", phrase), "just-how")
    for done, mark in product(DONE, ("fingers crossed!", "so fingers crossed.")):
        yield make(_cap(f"{done}, {mark}"), "fingers-crossed")
    for (subject, _), more, there in product(AGENT_SUBJECTS, ("", "more", "else"), ("There's", "There is")):
        yield make(_sentence(there, "nothing", more, subject, "can do", tail()), "nothing-we-can-do")
    out_of = _list("out of our hands | outside our control | outside of our control | beyond our control")
    for it, out in product(("It's", "That's", "This is", "That is", "Sadly, this is"), out_of):
        yield make(_sentence(it, out), "out-of-our-hands")


def closing_the_door() -> Iterator[Item]:
    """The conversation closed on the customer: a final ruling (policy's), no answer to anything more, an
    ask not to write again (dismissive's)."""
    final = _maker("policy", WARN)
    for lead, (this, whose), word in product(
        ("", "Sorry,", "I'm afraid"),
        (("This is", "our"), ("That is", "our"), ("This is", "my"), ("That's", "the")),
        ("decision", "answer", "word on this", "position"),
    ):
        yield final(_sentence(lead, this if not lead else this.lower(), whose, "final", word), "final-word")
    make = _maker("dismissive", WARN)
    things = _turns(_list("correspondence | emails | messages | replies | complaints | requests"))
    about = _turns(_list("on this matter | about this | regarding this issue | on this subject"))
    answered = _list("will not be responded to | will not be answered | won't be answered | will not be read")
    for further, unanswered in product(("Any further", "Further"), answered):
        yield make(_sentence(further, things(), about(), unanswered), "no-reply")
    for (subject, _), form in product(AGENT_SUBJECTS, ("will not be entering", "won't be entering")):
        yield make(_sentence(subject, form, "into any further discussion", about()), "no-reply")
    for dont, verb, about_it in product(
        ("do not", "don't"), ("contact", "message", "email", "call"), ("about this", "regarding this matter")
    ):
        yield make(_sentence("Please", dont, verb, "us again", about_it), "dont-write")


def closing_the_door_controls() -> Iterator[Item]:
    """A final decision that is the customer's, asked about or with a way forward; further messages that will
    be answered; no need to write again because it is done."""
    quiet = _maker("dismissive", QUIET)
    for text in _list("""
        If this isn't sorted by Friday, please contact us again and I'll pick it up myself
        You don't need to contact us again, because the refund is already on its way
        Please don't contact your bank about it; I've already reversed the charge
        Any further emails about this will go straight to Sam, who now owns your case
        Further messages on this matter will be answered by our billing lead within the hour
        We will be entering your claim into the priority queue today
        Please do contact us again if the part doesn't fit
    """):
        yield quiet(_sentence(text), "door-open")
    policy = _maker("policy", QUIET)
    for text in _list("""
        The final decision is yours: you can keep the item or return it for free
        Is this the final decision on my claim?
        This is our final decision for now, but you can appeal it, and I'll send you the form today
    """):
        yield policy(_statement_or_question(text), "door-open")


def negative_framing() -> Iterator[Item]:
    """'We won't', 'that's impossible', 'Unfortunately, <a limit>', 'Unfortunately, we can't'."""
    make, remedy = _maker("negative-framing", WARN), _turns(REMEDIES)
    slots = (
        ("plain", ""),
        *(("adverb", a) for a in ("simply", "really", "currently")),
        ("lead", "Sorry, but"),
        ("parenthetical", "I'm afraid"),
    )
    for (subject, _), head, (slot, word) in product(AGENT_SUBJECTS, ("won't", "will not"), slots):
        yield make(_sentence(_modal_clause(subject, head, "", slot, word, remedy())), "wont")
    ongoing = _list("""
        offering refunds for this | refunding the delivery fee | replacing the item | extending the trial
        changing the booking | waiving the fee
    """)
    for (subject, _), head, doing in product(AGENT_SUBJECTS, ("won't be", "will not be"), ongoing):
        yield make(_sentence(subject, head, doing), "wont-be")
    for phrase, fact in product(
        ("That's impossible", "That is impossible", "That's simply impossible", "This is impossible"), FACTS
    ):
        yield make(_sentence(f"{phrase},", fact), "impossible")
    for remedy_text in REMEDIES:
        yield make(_sentence("It's impossible to", remedy_text), "impossible")
    for lead, limit in product(("Unfortunately,", "Sadly,", "Regrettably,"), LIMITS):
        yield make(_sentence(lead, limit), "unfortunately")
    for (subject, person), head in product(AGENT_SUBJECTS, UNFORTUNATELY_CANNOT):
        yield make(
            _sentence("Unfortunately,", subject, _conjugate(head, subject, person), remedy()),
            "unfortunately-cant",
        )


def toxic_positivity() -> Iterator[Item]:
    """Upbeat brush-offs that need no context: the bright side, cheer up, at least."""
    make = _maker("toxic-positivity", WARN)
    for lead, lining, mark in product(BRIGHT, SILVER_LININGS, (".", "!")):
        yield make(_cap(f"{lead} {lining}{mark}"), "bright-side")
    for lining in SILVER_LININGS:
        yield make(_cap(f"At least {lining}!"), "at-least")


# ---------------------------------------------------------------------------------------------------------
# Quiet controls: near misses that must not get a warning
# ---------------------------------------------------------------------------------------------------------


def _action_words(action: tuple[str, ...], side: int) -> dict[str, str]:
    """An action's forms, with the customer's object (side 3) or the reply's (side 4)."""
    base, ing, past = action[:3]
    return {"base": base, "ing": ing, "past": past, "obj": action[side]}


def repeat_ask() -> Iterator[Item]:
    """A reply asking the customer to do what their message says they already did: every claim with every
    request, three actions each in turn; and any request after they say they tried everything."""
    make, action = _maker("repeat-ask", WARN), _turns(TRIED_ACTIONS)
    for claim, request, _ in product(TRIED_CLAIMS, TRIED_REQUESTS, range(3)):
        did = action()
        customer = claim.format(**_action_words(did, 3))
        yield make(request.format(**_action_words(did, 4)), "did-it", customer)
    for claim, request in product(TRIED_EVERYTHING, TRIED_REQUESTS):
        yield make(request.format(**_action_words(action(), 4)), "did-everything", claim)


def repeat_ask_controls() -> Iterator[Item]:
    """The same requests when the customer did something else, said they have not, asked how or whether; a
    reply that names what they tried; and a request with no customer message at all."""
    make, action = _maker("repeat-ask", QUIET), _turns(TRIED_ACTIONS)
    for claim, request in product(TRIED_CLAIMS, TRIED_REQUESTS):
        did, other = action(), action()
        customer = claim.format(**_action_words(did, 3))
        yield make(request.format(**_action_words(other, 4)), "did-something-else", customer)
    for claim, request in product(UNTRIED_CLAIMS, TRIED_REQUESTS):
        asked = action()
        customer = claim.format(**_action_words(asked, 3))
        yield make(request.format(**_action_words(asked, 4)), "not-done", customer)
    for claim, reply in product(TRIED_CLAIMS, TRIED_ACKNOWLEDGED):
        did = action()
        customer = claim.format(**_action_words(did, 3))
        yield make(reply.format(**_action_words(did, 4)), "acknowledged", customer)
    for request in TRIED_REQUESTS:
        yield make(request.format(**_action_words(action(), 4)), "no-message")


def field_round() -> Iterator[Item]:
    """Shapes from replies in other companies' voices: not locating the customer's thing, the fault placed on
    the customer's side, "simply how the tariff works", and "Can't help with that" without a subject."""
    refusal, blame, dismissive = _maker("refusal", WARN), _maker("blame", WARN), _maker("dismissive", WARN)
    things = _turns(_list("a booking under that name | your order | the parcel | your payment | the claim"))
    for (subject, person), form in product(
        AGENT_SUBJECTS[:6], ("{be} unable to", "can't", "{be} not able to")
    ):
        for verb in ("locate", "trace", "track down"):
            clause = _join(subject, _conjugate(form, subject, person), verb, things())
            yield refusal(_sentence(clause), "cannot-locate")
    late = _turns(CUSTOMER_ACTIONS)
    hindsight = _list("""
        You would have needed to | You'd have needed to | You would have had to | You'd have had to
    """)
    for form, when in product(hindsight, ("before the cut-off", "48 hours before", "at the time")):
        yield blame(_sentence(form, late(), when), "would-have-needed")
    for fault, where in product(
        ("The fault is", "The error is", "The problem is", "The mistake is"),
        ("on your side", "on your end", "on your side, not ours", "yours"),
    ):
        yield blame(_sentence(fault, where), "fault-on-your-side")
    for lead, thing in product(
        ("That's simply how", "I'm afraid that's just how", "That is simply the way", "It's just how"),
        ("the tariff works", "our billing works", "the booking system works", "the loyalty scheme works"),
    ):
        yield dismissive(_sentence(lead, thing), "how-it-works")
    for cant, what, tail in product(
        ("Can't", "Cannot", "Sorry, can't", "Can't really"),
        ("help with that", "refund it", "change the booking", "reverse the charge"),
        ("", " over Twitter, sorry", " from here"),
    ):
        yield refusal(_sentence(cant, what + tail), "no-subject")


def field_round_controls() -> Iterator[Item]:
    """The same meanings with the help given, a condition, the fault owned, or nothing cold."""
    texts = {
        "refusal": """
            I couldn't locate a booking under that name yet, so could you send me the reference
            We can't locate the parcel yet, so I've opened a trace with the courier and will update you today
            Can't wait to hear how the trip goes
            Can't thank you enough for your patience, and the refund is done
        """,
        "blame": """
            You would have needed a receipt for that, but I've found your order, so you don't
            If you would have had to wait longer, I'd have called you myself
            The fault is on our side, not yours, and I've refunded the fee
            The problem is on our end, and the engineers are fixing it today
        """,
        "dismissive": """
            That's how the tariff works, and I've found a cheaper one for you that I can switch you to today
            I'll explain how the booking system works so you can pick the best seat
        """,
    }
    for category, block in texts.items():
        make = _maker(category, QUIET)
        for text in _list(block):
            yield make(_sentence(text), "field-round")


def refusal_controls() -> Iterator[Item]:
    """A refusal with an alternative, a condition, a question, a quote, an idiom, a past-tense report."""
    make, remedy, alternative = _maker("refusal", QUIET), _turns(REMEDIES), _turns(ALTERNATIVES)
    when, done, where = _turns(WHEN), _turns(DONE), _turns(WHERE)
    modals = ("can't", "cannot", "{be} unable to", "won't be able to")
    joins = (
        ", but I can {a} {w}",
        ", but we can {a} {w}",
        "; what I can do is {a} {w}",
        ". Instead, I'll {a} {w}",
    )
    for (subject, person), modal, join in product(AGENT_SUBJECTS, modals, joins):
        clause = _join(subject, _conjugate(modal, subject, person), remedy())
        yield make(_sentence(clause + join.format(a=alternative(), w=when())), "alternative")
    for (subject, person), modal in product(AGENT_SUBJECTS, modals):
        clause = _join("If", subject, _conjugate(modal, subject, person), remedy(), "by Friday,")
        yield make(_sentence(clause, "I'll", alternative(), "instead"), "conditional")
    questions = _list("""
        Can't you {v} the {t} {w}? | Can you not {v} the {t} {w}? | Are you unable to {v} the {t} {w}?
        Could you check whether you can {v} the {t} {w}? | Would you be able to {v} the {t} {w}?
        So you can't {v} the {t} {w}?
    """)
    for question, verb, thing in product(questions, ("see", "find", "open"), THINGS):
        yield make(question.format(v=verb, t=thing, w=where()), "question")
    frames = ('You wrote "{r}" in your message, and {d}', 'The email said "{r}", which was our mistake: {d}')
    for (subject, person), frame in product(AGENT_SUBJECTS, frames):
        quoted = _join(subject, _conjugate("cannot", subject, person), remedy())
        yield make(_sentence(frame.format(r=quoted, d=done())), "quoted")
    idioms = (
        "can't wait to hear how the trip goes",
        "can't wait to welcome you back",
        "can't recommend the new model enough",
    )
    for (subject, _), idiom in product(AGENT_SUBJECTS, idioms):
        yield make(_sentence(subject, idiom), "idiom")
    for thanks in ("flagging this", "your patience with the move", "the kind words"):
        yield make(_sentence("I can't thank you enough for", thanks), "idiom")
    reports = (
        ("reach you yesterday", "I've sent the code by email"),
        ("deliver the parcel on Monday", "it's rebooked for today"),
    )
    for (subject, person), (failed, fix) in product(AGENT_SUBJECTS, reports):
        was = "were" if person == "we" else "was"
        yield make(_sentence(subject, was, "unable to", failed + ", so", fix), "past")
        yield make(_sentence(subject, "couldn't", failed + ", so", fix), "past")
    # A standing no to an offering with a way forward, on a condition or asked; a no that protects the
    # customer (their data, their money); a report of what never happened.
    offering = _turns(OFFERINGS)
    for (subject, person), form in product(AGENT_SUBJECTS, ("{do}n't", "{do} not")):
        negation = _conjugate(form, subject, person)
        yield make(
            _sentence(subject, negation, offering() + ", but I can", alternative(), when()), "dont-offer"
        )
        yield make(
            _sentence("If", subject, negation, offering() + ",", "I'll", alternative(), "instead"),
            "dont-offer",
        )
        yield make(_cap(f"{_conjugate('{do}', subject, person)} {subject} not {offering()}?"), "dont-offer")
    protections = _list("""
        charge for returns | share your personal data with anyone | sell your details to other companies
        ask for your password | need anything else from you | charge a cancellation fee
        keep your card number after the payment
    """)
    for (subject, person), protection in product(AGENT_SUBJECTS, protections):
        verb, _, rest = protection.partition(" ")
        never = verb + ("s" if person == "it" else "")
        yield make(_sentence(subject, _conjugate("{do}n't", subject, person), verb, rest), "protects")
        yield make(_sentence(subject, "never", never, rest), "protects")
    for subject, _ in AGENT_SUBJECTS:
        yield make(_sentence(subject, "never shipped the order, so I've refunded it in full today"), "past")
    # Things on offer, or unavailable with a way forward or asked about; a system that lets the customer.
    for text in _list("""
        Refunds are available for 30 days after delivery
        Refunds aren't available for digital gift cards, but I can send you store credit today
        Is a refund not available on sale items?
        Refunds won't be available for digital gift cards, but I can send you store credit today
        If refunds won't be available, I'll send you store credit instead
        Will a refund not be available on sale items?
        Refunds will be available again once the sale ends
        Upgrades will no longer be needed, because your plan already has every feature
        Upgrades are available from your account page whenever you like
        The system lets you change the date yourself from the bookings page
        Our system won't let me refund it, but I've asked my supervisor, who can, and you'll hear today
        Orders can be cancelled any time before dispatch from your account page
        If orders can't be cancelled online, I'll cancel yours by phone today
        Refunds can't be issued to a closed card, so I've sent yours as store credit instead
        Can refunds not be issued to a different card?
        We have no plans to raise your price this year
        That's not something we're able to do online, but I can do it for you by phone right now
        Is that not something we're able to refund?
        That's not something you'll be able to miss: it's the big red button
        We have no plans to add fees to your plan
        We have no plans to remove the free tier
        You're not obligated to buy anything to keep your account
        We're not required to share your details with anyone, and we never do
        We're not required to refund it, but I've refunded it anyway as a thank you
    """):
        yield make(_statement_or_question(text), "available")
    # Taking something away with a way forward, on a condition, denied, asked, or a necessity that takes
    # nothing away.
    withdrawals = (
        "We have to retire the old app, but I can move your data to the new one today",
        "We'll need to end the free trial early, so I've added a month of the full plan at no cost",
        "If the payment doesn't go through by Friday, we'll have to cancel the order",
        "Once the review is done, we must close the ticket",
        "We don't need to close your account to change the email address",
        "We won't have to cancel your order after all",
        "Do we have to remove the offline mode?",
        "We must fix this for you before Friday",
        "We need to check your account details first",
        "We have to close the old office early today, so the team will call you from home",
    )
    for text in withdrawals:
        yield make(_statement_or_question(text), "withdrawal")
    # What is not possible named as the subject, with a way forward, on a condition, asked, or possible.
    alternative_for = _turns(ALTERNATIVES)
    for one, many in IMPOSSIBLE_THINGS:
        thing, be, are_not = (one, "is", "isn't") if one else (many, "are", "aren't")
        yield make(
            _sentence(thing, are_not, "possible, but I can", alternative_for(), "instead"),
            "thing-not-possible",
        )
        yield make(
            _sentence("If", thing, be, "not possible,", "I'll", alternative_for(), "instead"),
            "thing-not-possible",
        )
        yield make(_cap(f"{be} {thing} not possible?"), "thing-not-possible")
        yield make(_sentence(thing, be, "possible, and I've set it up for you"), "thing-not-possible")
        # The same in the future or as a conditional: "won't be possible", "would not be possible".
        yield make(
            _sentence(thing, "won't be possible, but I can", alternative_for(), "instead"),
            "thing-not-possible",
        )
        yield make(
            _sentence("If", thing, "won't be possible,", "I'll", alternative_for(), "instead"),
            "thing-not-possible",
        )
        yield make(_cap(f"will {thing} not be possible?"), "thing-not-possible")
        yield make(_sentence(thing, "will be possible once the parcel reaches us"), "thing-not-possible")
        yield make(_sentence(thing, "would be possible if you send the receipt"), "thing-not-possible")
    # Deciding not to do something the customer would not want; good news said as "won't be".
    texts = _list("""
        We've decided not to charge you for the repair
        We decided not to wait for the courier and sent a new one today
        We won't be charging you for the replacement | We won't be closing your account, it stays open
    """)
    for text in texts:
        yield make(_sentence(text), "good-news")
    # What no one else can do to the customer's account: a reassurance, not a no.
    no_one = _list("anyone else | someone else | anybody | other users | a stranger | other customers")
    guarded = _list("see your card details | use the same email address | sign in to your account")
    frames = (
        "It's not possible for {o} to {g}",
        "There's no way for {o} to {g}",
        "It wouldn't be possible for {o} to {g}",
        "It won't be possible for {o} to {g}",
        "It will no longer be possible for {o} to {g}",
    )
    for frame, other, action in product(frames, no_one, guarded):
        yield make(_sentence(frame.format(o=other, g=action)), "no-one-else")


def blame_controls() -> Iterator[Item]:
    """Conditions, 'you don't need to', questions, 'you can', 'feel free to', quotes, 'sorry you had to'."""
    make = _maker("blame", QUIET)
    forms = (
        "If you need to {a}, just reply here and I'll do it.",
        "You don't need to {a}; I've done it for you.",
        "Do you need to {a} again?",
        "You can {a} whenever it suits you.",
        "Feel free to {a} if that's easier.",
        "You may want to {a} once the update finishes.",
        'Our old email said "you need to {a}", which was wrong, so I\'ve sorted it for you.',
        "I'm sorry you had to {a} twice.",
    )
    for form, action in product(forms, CUSTOMER_ACTIONS):
        yield make(_cap(form.format(a=action)), "control")
    # "On you" that puts nothing on the customer: what is ours, a choice that is theirs, a treat.
    texts = _list("""
        That's on us, and I've refunded the fee | The next coffee is on us | That one's on us, sorry
        Which plan you pick is up to you, and I can compare them for you | The choice of colour is yours
    """)
    for text in texts:
        yield make(_sentence(text), "on-us")
    # The fault on our side, asked about, denied or on a condition; responsibility taken or lifted.
    for text in _list("""
        The problem is on our side, and I'm fixing it now | The issue isn't on your end at all
        Is the problem on your side or ours? | If the issue is on your end, I'll walk you through the fix
        It's a problem on our end, and I'm so sorry | The fault was never with you
        You are not responsible for the return postage; we'll cover it
        You aren't liable for any of the charges | We are responsible for returning the item to you
        You're responsible for choosing whichever delivery day suits you
    """):
        yield make(_statement_or_question(text), "fault-ours")
    # "Must be" that guesses at a feeling: sympathy or shared joy, not an order.
    feelings = _list("so relieved | really pleased | so happy | thrilled | so excited | very glad")
    for feeling, why in product(feelings, ("that it arrived", "to have it back", "it's sorted")):
        yield make(_sentence(f"You must be {feeling} {why}").replace(".", "!"), "must-be-feeling")
    # Customers named, with no obligation put on them.
    for text in _list("""
        Customers love the new plan | Customers who need help can reply here any time
        Every customer gets a free month with this plan
    """):
        yield make(_sentence(text), "customers-no-order")

    # A consequence that is no penalty, one lifted, a closing asked for, or a question.
    for text in _list("""
        Failure to deliver by Friday will result in a full refund for you
        Failure to load the page can result from an old browser, so try updating it
        Non-payment will not result in any fees this month
        If you don't want the upgrade, we won't charge you
        If you don't receive the code, we will resend it straight away
        If you don't have the receipt, we will still refund you
        Your account will be closed once you confirm, as you asked
        Your old account will be closed when the new one is ready
        We will not close your account if you don't pay today, since I've added a payment holiday
        Will your account be closed if you don't pay today? No, I've paused the bill
        If you don't pay by Friday, will we suspend the account?
        If you don't want the account any more, we will close your account
        If you do not wish to continue, we will cancel your subscription
        Your account will be closed if you don't want it any more
    """):
        yield make(_statement_or_question(text), "no-penalty")
    # Necessary for someone else, not necessary for the customer, or asked.
    for text in _list("""
        It's not necessary for you to send the receipt, I can see the order
        It is essential that we fix this today, and I'm on it
        It's necessary for us to check the serial number, so I'll do that now
        Is it mandatory that I bring photo ID?
        It isn't required that you be home for the delivery
    """):
        yield make(_statement_or_question(text), "impersonal-not-on-you")


def deflection_controls() -> Iterator[Item]:
    """The hand-off owned by the agent."""
    make = _maker("deflection", QUIET)
    for text in _list("""
        We take full responsibility for the mistake, and I've refunded you today
        We accept responsibility for the delay, so the delivery fee is on us
    """):
        yield make(_sentence(text), "owned-responsibility")
    forms = _list("""
        I'll contact {p} for you today and update you by 5pm
        I've asked {p} to look into it, and I'll follow up tomorrow
        I'll get in touch with {p} myself and come back to you today
        Let me reach out to {p} on your behalf
        I've already spoken to {p}, and the refund is on its way
    """)
    for form, party in product(forms, THIRD_PARTIES):
        yield make(_sentence(form.format(p=party)), "owned")
    # Advice that sends nobody elsewhere; the party named with the hand-off owned; a fact about who did what.
    texts = _list("""
        You'd be better off with the annual plan, it saves you 20%
        You're better off waiting until the update is out tomorrow
        Your bank is the one to ask, so I've written to them for you and will update you tomorrow
        The courier is the one who delivered it, and I've asked them for the photo of the doorstep
        The seller is the one who shipped it, so I've chased them for the tracking number
        We're the ones who handle returns, so I've started yours today
        That's a question for our billing team, so I've passed it to them and they'll reply today
        Your insurer is the one who decides on claims, so I've sent them everything you gave me
        You'd be best placed to choose the plan, since you know how much you travel
        I'm best placed to sort this out, so I'll handle it from here
        That's between you and me, and I've added the discount anyway
        I'll raise this with the courier today and update you tomorrow
        I've directed your query to our billing team, and they'll reply within the hour
        Please raise this with us any time, we're happy to help
        The decision rests with you, and whichever plan you pick I'll set it up today
        The final decision is up to you, so take your time
        The decision lies with our refunds team, so I've sent them your case and will update you by 5pm
        That call sits with me, and I've approved the refund
        Does the decision rest with the seller?
    """)
    for text in texts:
        yield make(_sentence(text), "not-elsewhere")


def policy_controls() -> Iterator[Item]:
    """Policies that help the customer, exceptions made, a link to read them; the company's own obligations
    that cite no rule or that come with a way forward."""
    make = _maker("policy", QUIET)
    forms = _list("""
        Our returns policy gives you 60 days, so {d} | Good news: our policy does allow it here, so {d}
        You can read our refund policy at https://acme.example/refunds, and {d}
        I've checked with the policy team and made an exception: {d}
        We're allowed to make one exception a year, so {d}
        Under our price promise you get the difference back, and {d}
    """)
    for form, done in product(forms, DONE):
        yield make(_sentence(form.format(d=done)), "control")
    # The company's own obligations that cite no rule, rules followed for the customer, on a condition, with
    # a way forward, or asked about.
    texts = (
        "We have to follow up with the courier today, and I'll message you by 5pm",
        "We must follow the steps in order, so I'll walk you through each one now",
        "We comply with data protection regulations, so your card details are never stored",
        "If the regulations change, we'll have to follow them and I'll let you know first",
        "We need to check the terms of your warranty before I book the repair",
        "Do we have to follow the new rules for this order?",
        "We have to follow the card network's rules, but I can refund you by bank transfer instead",
        "You're not bound by the contract any more, so you can cancel today",
        "We're bound by the regulations too, but I can still refund the fee today",
        "If we're bound by those terms, I'll tell you before you pay",
        "Nothing in the regulations stops us from refunding you, so I've done it today",
        "Regulations allow us to refund you in full, and I've started it",
        "Our policy doesn't allow us to charge you twice, so I've refunded the second payment",
        "Do the terms prevent us from changing the name on the ticket?",
        "If you agreed to the terms by mistake, I can close the account for you today",
        "Thanks for agreeing to the terms, and your account is ready",
        "You accepted the offer on the phone, so I've added the discount to your plan",
        "That goes against everything we stand for, so I've refunded you in full",
        "Is that against our policy?",
        "If that goes against our policy, I'll ask my manager for an exception today",
        "Those are the rules for UK orders, and yours ships from the EU, so the fee doesn't apply",
        "These are the terms of your new plan: 5 GB a month and free calls",
        "Nothing in our policy goes against that, so I've approved it",
        # Rights and discretion that serve the customer, used for them, or asked about.
        "You have the right to cancel within 14 days, and I can do it for you now",
        "You reserve the right to change your mind, so just tell me if you do",
        "I've reserved the larger room for you at no extra cost",
        "We reserve a table for you until 8pm",
        "I used my discretion to waive the fee, so you won't be charged",
        "We've used our discretion to refund you in full",
        "Use the voucher at your discretion, it never expires",
        "Do we reserve the right to cancel an order like this?",
        "Are refunds at our discretion on sale items?",
        "Refunds are usually at our discretion, but I've approved yours today",
        "We reserve the right to cancel fraudulent orders, but yours is fine and I've shipped it today",
    )
    for text in texts:
        yield make(_statement_or_question(text), "own-obligation")


def uncertainty_controls() -> Iterator[Item]:
    """Not knowing yet, with a promise to find out; hopes for the customer."""
    make = _maker("uncertainty", QUIET)
    forms = _list("""
        I don't know {u} yet, but I'll find out and reply by 3pm
        Let me find out {u} for you right now | I'll check {u} and update you today
    """)
    for form, unknown in product(forms, UNKNOWNS):
        yield make(_sentence(form.format(u=unknown)), "find-out")
    for thing in ("new phone", "upgrade", "trip", "new plan"):
        yield make(f"We hope you enjoy the {thing}!", "hope-you")
    # "May or may not" about the customer's own choice, or with a way forward.
    texts = _list("""
        You may or may not need the adapter, so I've put one in the box anyway
        It may or may not arrive this week, but I've ordered a spare to reach you by Friday
        You might or might not want the extra storage, and I can add it later at no cost
    """)
    for text in texts:
        yield make(_sentence(text), "may-or-may-not")
    # "No idea" said of the customer, with a promise to find out, or in delight.
    for text in _list("""
        No idea is too small, so send us your suggestions
        No idea yet, but I'll find out and reply by 3pm
    """):
        yield make(_sentence(text), "no-idea-owned")


def condescension_controls() -> Iterator[Item]:
    """Pointing back at what the customer said or at what was promised; the agent read the manual."""
    make = _maker("condescension", QUIET)
    for lead, fact in product(
        _list("As you mentioned, | As you said, | As promised, | As requested, | Like you said,"), FACTS
    ):
        yield make(_sentence(lead, fact), "as-you-said")
    for fact in FACTS:
        yield make(_sentence("I've checked the manual for your model, and", fact), "agent-read")
    # "Refer to" said of what a word or a step means, offered, or done by the agent's side.
    texts = _list("""
        The steps in my last message refer to the manual for the older model
        Feel free to refer to our FAQ whenever you like
        You can always refer to the user guide if you'd like the details
        I'll refer to the manual for your model and get back to you within the hour
        Our team will refer to the help centre article when they call you
    """)
    for text in texts:
        yield make(_sentence(text), "refer-to")
    # Told something wrong (an apology), on a condition, asked, told to the agent, or a fact of the booking.
    texts = _list("""
        You were told the wrong date when you booked, and I'm so sorry about that
        If you were told this when you booked, I'll honour the old price
        Were you told this when you booked?
        This was made clear to us when you called, so the new one is already on its way
        I was told this when I called the warehouse this morning
        Your seat was confirmed when you booked
        This was mentioned by another customer at checkout
    """)
    for text in texts:
        yield make(_statement_or_question(text), "you-were-told")
    # "Clearly" about the agent's own seeing, saying or understanding, not the customer's.
    for subject, unclear in product(("We", "I", "Our team"), AGENT_UNCLEAR):
        yield make(_sentence(subject, unclear), "agent-unclear")
    # Telling someone else, or a promise kept.
    texts = _list("""
        Like I told the courier this morning, the parcel needs a signature
        As we said we would, we've refunded the fee today
        As I told your colleague yesterday, I'm so glad the new router is working
        This is the third time you've had to contact us, and I'm sorry: I've fixed it for good now
        I've answered all three of your questions in the email I just sent
        I've explained this to the courier twice, and they've promised to deliver today
        I've already explained this to my manager, and she has approved the refund
        Our team has already explained it to the courier, so the parcel is back on its way
        I have already answered your other question by email
        We have already covered the cost of the return
        We've already refunded it
        This has already been sorted for you
        You have already been refunded in full
        Has this already been explained to you?
        If this has already been explained to you, skip to step 3
        You were warned by the courier's text, and I'm sorry it arrived so late
        We did tell you the wrong date, and I'm sorry: your booking is now on the 12th
        I told you this would be fixed today, and it is
        We warned the courier this would happen, so they're bringing a second van
        I did warn the team about this, and they've fixed it for everyone
        Were you warned about this before the engineer came?
        If you were warned about this, I'll still waive the fee
        We'll warn you before the price changes
        I told you so that you could plan ahead, and the engineer comes on Friday
        As stated on our website, delivery is free on every order, so no fee applies
        As you stated in your email, the parcel never arrived, so I've refunded it
        As mentioned in the article below, you can change it in Settings
        I've read our returns policy again, and you're fully covered
        Feel free to review our refund policy whenever you like
        You can read our shipping policy at https://acme.example/shipping if you'd like the details
        Our returns policy gives you 60 days, so there's plenty of time
    """)
    for text in texts:
        yield make(_statement_or_question(text), "told-someone-else")


def dismissive_controls() -> Iterator[Item]:
    """Nothing left for the customer to do; it matters to us; a quote."""
    make = _maker("dismissive", QUIET)
    forms = (
        "There's nothing you need to do: {d}",
        "It's a big deal to us, so {d}",
        'You were told to "calm down", and that was not okay; {d}',
    )
    for form, done in product(forms, DONE):
        yield make(_sentence(form.format(d=done)), "control")
    texts = _list("""
        You're not making a fuss at all, and I've refunded the fee
        Please don't worry about your tone earlier; I understand, and the refund is on its way
        You're right to make a big deal of this, and I've escalated it to my manager
        You can change your notification tone in the app settings
        You can change your language in the app settings
        That's within our control, so I've fixed it for you
        The weather is outside our control, but I've rebooked you on the next flight
        I'll lower the volume of the hold music for you
    """)
    for text in texts:
        yield make(_sentence(text), "not-a-fuss")


def negative_framing_controls() -> Iterator[Item]:
    """'Won't' that promises something good; 'unfortunately' followed by a fix."""
    make = _maker("negative-framing", QUIET)
    for (subject, _), promise in product(
        AGENT_SUBJECTS, ("won't charge you for the return", "won't let this happen again")
    ):
        yield make(_sentence(subject, promise), "good-wont")
    for done in DONE:
        yield make(_sentence("Unfortunately the parcel was delayed, so", done), "fixed")
    # A way forward in the same sentence, whatever the inability's form: what unlocks it, or what we can do.
    alternative, when = _turns(ALTERNATIVES), _turns(WHEN)
    remedy = _turns(REMEDIES)
    ways = (", but I can {a} {w}", ", but we can {a} {w}", " until the parcel is back with us")
    for (subject, person), head, way in product(AGENT_SUBJECTS, UNFORTUNATELY_CANNOT, ways):
        clause = _join("Unfortunately,", subject, _conjugate(head, subject, person), remedy())
        yield make(_sentence(clause + way.format(a=alternative(), w=when())), "way-forward")


def toxic_positivity_controls() -> Iterator[Item]:
    """'At least' as a quantity."""
    make = _maker("toxic-positivity", QUIET)
    for amount, thing in product(
        ("two days", "a week", "one working day"), ("the refund takes", "the repair takes")
    ):
        yield make(_sentence(thing, "at least", amount, "and I'll keep you posted"), "quantity")


class Customer(NamedTuple):
    """One generated customer message: the text, the mood it must read as ("upset" or "calm": anything but
    upset), and the meaning that makes it so ("situation" and "near-miss" for the calm ones)."""

    text: str
    mood: str
    meaning: str


def customers() -> list[Customer]:
    """Every situation alone (calm), every upset cue after a situation taken in turn, and the calm near
    misses."""
    situation = _turns(SITUATIONS)
    result = [Customer(text, "calm", "situation") for text in SITUATIONS]
    for meaning, cues in UPSET_CUES.items():
        result += [Customer(f"{situation()} {cue}", "upset", meaning) for cue in cues]
    result += [Customer(text, "calm", "near-miss") for text in CALM_CUSTOMERS]
    return result


def support_redirects() -> Iterator[Item]:
    """Every redirect to the company's own support, to every generated customer: a warning for the upset
    ones (a bare redirect reads as a brush-off), quiet for the calm ones (a useful pointer)."""
    warn, quiet = _maker("deflection", WARN), _maker("deflection", QUIET)
    for redirect, customer in product(SUPPORT_REDIRECTS, customers()):
        make = warn if customer.mood == "upset" else quiet
        yield make(redirect, f"redirect-{customer.mood}", customer.text)


SIGN_OFFS = _list("""
    Have a great day! | Enjoy your day! | Enjoy the rest of your week! | Have a lovely evening!
    Enjoy your weekend! | Have a wonderful weekend!
""")


def sign_offs() -> Iterator[Item]:
    """A cheerful sign-off after a plain fact, to every generated customer: a warning for the upset ones (it
    reads as not noticing), quiet for the calm ones (a friendly close). The sign-off is taken in turn."""
    warn, quiet = _maker("toxic-positivity", WARN), _maker("toxic-positivity", QUIET)
    sign_off, done = _turns(SIGN_OFFS), _turns(DONE)
    for customer in customers():
        make = warn if customer.mood == "upset" else quiet
        yield make(f"{_cap(done())}. {sign_off()}", f"sign-off-{customer.mood}", customer.text)


def owned_redirect_controls() -> Iterator[Item]:
    """Redirects the agent owns, makes conditional or follows with a commitment, and instructions for a task,
    to every upset customer: quiet."""
    make = _maker("deflection", QUIET)
    upset = [customer.text for customer in customers() if customer.mood == "upset"]
    for redirect, customer_text in product(OWNED_REDIRECTS, upset):
        yield make(redirect, "redirect-owned", customer_text)


GENERATORS: tuple[Callable[[], Iterable[Item]], ...] = (
    refusal,
    impossible_things,
    unavailable_and_system,
    no_plans,
    dont_offer,
    field_round,
    withdrawal,
    policy,
    deflection,
    blame,
    uncertainty,
    condescension,
    dismissive,
    closing_the_door,
    negative_framing,
    toxic_positivity,
    repeat_ask,
    refusal_controls,
    blame_controls,
    deflection_controls,
    policy_controls,
    uncertainty_controls,
    condescension_controls,
    dismissive_controls,
    closing_the_door_controls,
    negative_framing_controls,
    toxic_positivity_controls,
    repeat_ask_controls,
    field_round_controls,
    support_redirects,
    owned_redirect_controls,
    sign_offs,
)


def items() -> list[Item]:
    """Every generated item, in a fixed order, each text with each customer message once (the first generator
    to make it keeps it)."""
    seen: set[tuple[str, str | None]] = set()
    result: list[Item] = []
    for generate in GENERATORS:
        for item in generate():
            if (item.text, item.customer) not in seen:
                seen.add((item.text, item.customer))
                result.append(item)
    return result
