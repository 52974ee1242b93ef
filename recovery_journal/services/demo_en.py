"""The English demo material: Alex's year (or ten) of recovery, invented, in our own words.

Alex is in his early forties, drank for twenty years, works in a print shop and sees his daughter
Lily at weekends. The format is described in demo_phrases.py. Every sentence template here is one
sentence, so a sentence is never repeated by being part of two different templates.
"""

TEXT = r"""
== persona
name Alex
substance Alcohol
sponsor Mike

== meetings
tue | 19:30 | in_person | 0.85 | Tuesday Step Group | to the Tuesday step group | at the Tuesday
  step group
sat | 10:30 | in_person | 0.55 | Saturday Morning Group | to the Saturday morning group | at the
  Saturday morning group
thu | 19:00 | in_person | 0.3 | Thursday Newcomers | to the Thursday newcomers' meeting | at the
  Thursday newcomers' meeting
mon,wed,fri | 07:30 | online | 0.06 | Morning Reflections (online) | to the online morning meeting
  | at the online morning meeting
mon | 19:00 | in_person | 0.1 | Monday Open Meeting | to the Monday open meeting | at the Monday
  open meeting
wed | 19:30 | in_person | 0.12 | Wednesday Speaker Meeting | to the Wednesday speaker meeting | at
  the Wednesday speaker meeting
fri | 20:00 | in_person | 0.12 | Friday Reading Group | to the Friday reading group | at the Friday
  reading group
sun | 18:00 | in_person | 0.15 | Sunday Evening Group | to the Sunday evening group | at the Sunday
  evening group
== %weekday
Monday
Tuesday
Wednesday
Thursday
Friday
Saturday
Sunday
== count.answers
1 one answer
2 two answers
3 three answers
4 four answers

# --- words the templates share -----------------------------------------------------------------
== @friend name he him his
Sam / he / him / his
Dan / he / him / his
Rita / she / her / her
Chris / he / him / his
Nadia / she / her / her
== @sponsor
Mike
== @sponsee
Jamie
== @meeting_any
to a meeting
to the Tuesday group
to the Saturday meeting
== @when

around six
after lunch
on the way home
in the late afternoon
straight after work
in the middle of the morning
just before dinner
at about four
== @when_cap
Around six
After lunch
On the way home
In the late afternoon
Straight after work
Just before dinner
== @coped
rang {friend} and it passed
went round the block twice
made tea and sat it out
read my step one notes again
had a shower and went to bed early
ate something proper and it eased
texted Mike and waited for his reply
walked to the canal and back
== @relative name cap he him
my sister / My sister / she / her
my brother / My brother / he / him
Mum / Mum / she / her
Dad / Dad / he / him
== @talk_length
ten minutes
twenty minutes
half an hour
nearly an hour
== @feeling_early
restless
on edge
flat
raw
jumpy
tearful
foggy
wired and tired at once
== @feeling_mid
irritable
low
anxious
impatient
sorry for myself
prickly
== @day_turn
grey
prickly
heavy
anxious
flat
a bit sorry-for-myself
== @helped
a walk sorted it out
a call to {friend} took the edge off
food helped more than I expected
writing it down took the sting out of it
it passed on its own, as it does
a meeting sorted it out
a hot bath and an early night helped
saying it out loud to {friend} helped
== @lesson
I don't have to answer every thought that comes into my head
feelings pass if I leave them alone long enough
asking for help early is cheaper than asking late
a bad hour is not a bad day
being useful calms me down faster than being right
most of my fear is about things that never happen
tired and hungry is when I am least fair to people
the truth is easier to carry than a story
I can say no without a speech
nobody is keeping score as hard as I am
a phone call can turn an evening round
rest is not the same as giving up
I don't have to decide everything tonight
other people's moods are not my job
the small jobs I put off are the ones that frighten me most
I feel better after I've said sorry, never before
keeping my word to myself counts too
I can be annoyed and still be kind
== @theme
honesty
fear
patience
resentment
gratitude
asking for help
acceptance
money
== @meal
a proper breakfast
soup that will last two days
a stir-fry
pasta with too much garlic
a curry from scratch
porridge with honey
shepherd's pie
fish and new potatoes
== @meal_cap
A proper breakfast
Homemade soup
Pasta with too much garlic
A curry from scratch
Shepherd's pie
Fish and new potatoes
== @walk_place
along the canal
round the park
up to the reservoir
through the allotments
down by the river
up the hill behind the estate
== @hours
six
seven
eight
nearly nine
== @small_job
fixed the dripping tap
took the bottles to the recycling
cleared out the kitchen drawer
changed the bedsheets
paid the gas bill
sorted the post on the table
hoovered the whole flat
took the old coat to the charity shop
== @small_job_cap
Fixed the dripping tap
Took the old bottles to the recycling
Cleared out the kitchen drawer
Paid the gas bill
Sorted the pile of post on the table
Hoovered the whole flat
Put up the shelf in the hall
Defrosted the freezer
== @colleague name cap
Jess / Jess
Tony / Tony
the new lad / The new lad
== @work_thing
the rota
a wedding order
the big press
a rush job for the school
the invoices
a reprint
== @lily_thing
her new bike
a spelling test
her best friend
the school play
a dream about a horse
her wobbly tooth
== @lily_do
baked flapjacks
went to the swings
did a jigsaw
made pizza
fed the ducks
watched a film under a blanket
played cards
planted tomatoes on the balcony

# --- daily notes: one sentence a template ------------------------------------------------------
== note.craving.early
The craving came {when}, and I {coped}.
Strong pull {when}; I {coped}.
{when_cap}, the old thought turned up right on time, so I {coped}.
Wanted a drink {when}, badly, and I {coped}.
== note.craving.later
A flicker of the old thought {when}, gone almost before I noticed it.
Passed the shop {when} and only realised afterwards that I hadn't even looked in.
Someone offered me a beer {when} and I said no before I'd had time to think about it.
The craving came {when}, quieter than it used to be, and I {coped}.
Smelled beer outside the pub {when} and felt nothing much, which still surprises me.
== note.feeling.early
Felt {feeling_early} {when}, and {helped}.
{when_cap} I was {feeling_early} for no reason I could name, and {helped}.
Restless all day, as if my skin didn't fit, but I got through it.
Cried in the car park {when}, and felt lighter afterwards.
Angry at everything this morning; it had burned off by lunch.
Everything felt very loud today, the traffic, the radio, people talking.
I kept waiting for something bad to happen, and nothing did.
Better than yesterday, though I couldn't say exactly why.
My hands have almost stopped shaking.
Hungry for sugar all day; a packet of biscuits is better than the other thing.
Woke at four with my heart racing and lay there until it settled.
I keep forgetting things: my keys, my words, what I came into the room for.
== note.feeling.middle
Felt {feeling_mid} {when}, and {helped}.
{when_cap} I got {feeling_mid} and noticed it before it ran the evening.
A quieter day; I noticed the old thought and let it go past without arguing with it.
Irritable {when} and I knew it was hunger, so I ate before I said anything.
Low for no reason I could find, so I did the next small thing and then the next.
Caught myself sulking {when} and laughed at myself, which helped.
I felt proud of something today and didn't rush to spoil it.
Jealous of {friend} for about an hour, because everything seems to go right for {friend.him},
  then just glad.
Some old shame came up {when}; I named it and it lost a bit of its grip.
I was kinder to myself today than I would have been a month ago.
Worried about money {when}, so I sat down and actually looked at the numbers.
== note.feeling.later
{when_cap} the day turned {day_turn}, and {helped}.
{when_cap} I noticed I was {feeling_mid} again, and this time I let it pass.
An ordinary day, and I've learned to like ordinary.
I had a bad hour {when} and it stayed an hour instead of turning into a week.
Noticed I was rushing everything {when}, so I slowed down on purpose.
Felt steady today, which still surprises me a little.
Old resentment about Dad flared up {when}; I wrote it down and let it be.
I was short with someone {when} and put it right within the hour.
Quiet, content, a bit tired: a good combination.
A restless evening; I tidied, read, and went to bed instead of stewing.
== note.hard
Rough day, and I'm going to bed early rather than trying to fix it tonight.
Everything went wrong at once {when}, and I still didn't drink.
Couldn't shake the heaviness today; rang {friend} and just said so.
A day to get through rather than enjoy, and I got through it.
I was snappy with everyone and I know it; tomorrow I'll start again.
Woke up dreading the day for no reason and the dread never quite lifted.
Felt {feeling_early} all day, and not even a walk {walk_place} shifted it.
Bad news about {work_thing} {when}, and my first thought was the old one.
== note.good
Laughed properly today, more than once.
A good day from start to finish, and I noticed it while it was happening.
Woke up before the alarm feeling rested, which is new.
Got more done than I planned and didn't feel the need to brag about it.
Sun on my face {when} and nothing to worry about for a whole hour.
{friend} made me laugh so hard {when} that I had to sit down.
Walked {walk_place} {when} feeling light, for no reason at all.
Finished {work_thing} early and went home whistling.
== note.meeting
Went {meeting.to} straight from work, still in my overalls.
Read the opening {meeting.at} tonight; my voice only shook a little.
{friend} and I stayed on after going {meeting.to} and talked about {theme} in the car park.
Someone {meeting.at} celebrated five years, and I clapped harder than anyone.
Quiet night {meeting.at}: a few people, a lot of honesty.
Went {meeting.to}; I sat near the door but I stayed to the end.
{friend} shared {meeting.at} about {theme}, and it stayed with me all evening.
Shared {meeting.at} about {theme}; my voice shook but nobody minded.
Coffee with {friend} after going {meeting.to}, which was half the point of it.
Nearly skipped going {meeting.to}, went anyway, and was glad.
The topic {meeting.at} was {theme}, which felt aimed straight at me.
Somebody new came {meeting.to} tonight and I remembered my own first time.
Just listened {meeting.at}; sometimes that is enough.
Someone {meeting.at} said the thing about {theme} I'd been trying to say for weeks.
Made it {meeting.to} with a minute to spare and got a seat next to {friend}.
{friend} gave me a lift {meeting.to} and we talked about {theme} on the way.
Laughed more {meeting.at} than I have all week.
== note.meeting.online
Logged on {meeting.to} with my tea and my camera off, and listened.
{friend} shared {meeting.at} about {theme}, and it stayed with me all day.
Shared {meeting.at} about {theme}, from my kitchen, which felt easier than a hall.
The topic {meeting.at} was {theme}; good to start the day with it.
Nearly didn't bother logging on {meeting.to}, did, and was glad.
Someone from the other side of the country shared {meeting.at} about {theme}.
== note.sponsor
Mike asked how the step work was going, and I admitted I'd been putting it off.
Walked round the park with {sponsor} {when}; he talked about his grandchildren, then asked about
  {theme}.
{sponsor} rang to check in, which he says is half of what sponsors are for.
{sponsor} said something about {theme} I want to keep: go gently, but go.
Told {sponsor} about {relative} and he said to look after my part and leave theirs alone.
Missed {sponsor}'s call {when} and rang him back within the hour, which is new.
Read {sponsor} my answers over the phone; he laughed at one of them, kindly.
Rang {sponsor} {when}; he mostly listened and that was what I needed.
{sponsor} asked me what I was really afraid of, and I didn't have a quick answer.
Met {sponsor} for a coffee and we went through my week line by line.
Told {sponsor} about {theme} and he didn't make a big thing of it, which helped.
{sponsor} reminded me that I only have to do today.
Sent {sponsor} a message {when} instead of sitting with it on my own.
{sponsor} laughed at my long list of worries and then helped me cross half of them off.
Talked to {sponsor} {when} for {talk_length}, mostly about {theme}.
{sponsor} told me a story about his own early days that made mine look tidy.
== note.family
Mum sent a photo of her garden; the roses have come back.
My sister and I walked {walk_place}, and for once we didn't talk about the past.
Tom texted to ask about a film, which is the most he's said to me in months.
Dad's birthday: I rang, we managed five minutes, and that's fine.
Mum asked if I'd come on Sunday as if it was normal, and it nearly was.
{relative.cap} asked me for help with something, for a change.
Fixed Mum's shelf {when}; she made tea and told me all about the neighbours.
{relative.cap} rang {when} and we talked for {talk_length} without an argument.
Sent my sister a birthday card, on time, which hasn't happened in years.
Lunch at Mum's; she watched me all through it and then relaxed a bit.
{relative.cap} asked how I was doing and I told the truth.
Helped Mum with her shopping {when}; she kept saying thank you as if she was surprised.
A long message from my sister about the old days, some of it hard to read.
Tom and I managed a whole phone call about football and nothing else, which felt like progress.
Dad sent a text that just said "well done", and I read it about ten times.
Rang {relative} {when} just to ask how {relative.he} was, and meant it.
== note.daughter.weekend
Lily stayed the weekend; we {lily_do} and she talked about {lily_thing} nonstop.
Took Lily swimming; she made me race her and won, obviously.
Lily asked why I don't drink wine like other dads, and I gave her a short honest answer.
Watched Lily's football match in the rain and shouted myself hoarse.
Lily fell asleep on the sofa during the film and I just sat there for a while.
Anna said I seemed different when I dropped Lily off, and for once it wasn't a complaint.
Had Lily for the day: we {lily_do}, then she told me all about {lily_thing}.
== note.daughter.weekday
Lily sent me a voice message about {lily_thing}, all in one breath.
Dropped Lily at school on my way to work; she waved from the gate.
Video call with Lily at bedtime; she showed me {lily_thing} on the screen.
Anna asked if I could have Lily on Wednesday as well, and I said yes straight away.
Took Lily to the dentist after school; she was braver than me.
Picked Lily up from school {when} and she talked the whole way home about {lily_thing}.
Helped Lily with her homework over the phone; I was more patient than I expected.
Lily rang to tell me about {lily_thing}, in great detail.
Went to Lily's parents' evening with Anna, sober and on time.
Lily came for tea after school and we {lily_do}.
== note.morning
Before work: the sky is pink and I'm not hungover, and both of those are good.
Awake at six without the alarm; quiet tea, a short prayer, and off.
Writing this on the bus: nervous about {work_thing}, but I've asked {colleague} to help.
Morning; yesterday's worry about {theme} looks smaller in daylight.
First thing, made the bed, which {sponsor} swears by.
Writing this before work: slept {hours} hours and feel almost human.
Up early; tea on the step and ten quiet minutes before the day.
Woke up thinking about the old days, and the thought passed by the time the kettle boiled.
Morning: a bit anxious about {work_thing}, so I'm writing it down instead of carrying it.
Rang {sponsor} on the way to work, which sets the day up better.
A grey start, but I'm up, dressed, and sober.
Woke up {feeling_early}; writing it down before it runs the day.
Slept {hours} hours, and the first thing I thought about was {theme}.
Morning, and I'm dreading {work_thing} a bit; one thing at a time.
Early start: porridge, ten minutes of quiet, and out of the door on time.
Up before the alarm; made sandwiches for lunch and felt organised for once.
Morning pages before work: {friend} is on my mind, so I'll ring {friend.him} at lunch.
Slept badly, but the kettle's on and {friend}'s text from last night made me smile.
Quick note before the bus: yesterday's mood has gone, and I'm glad.
A text from {relative} before eight, which is either very good or very bad; it was good.
== note.work
Martin said "good job" in passing, and I carried it around all afternoon.
Asked {colleague} how to do something instead of pretending I knew, and it took two minutes.
Long day on {work_thing}; tired, but the good kind.
A customer thanked me by name, which has never happened before.
Left work on time and didn't feel guilty about it.
Busy at the print shop; {work_thing} went wrong and I stayed calm.
Martin asked me to train the new lad, which means he trusts me a bit now.
On time every day this week, which used to be impossible.
{colleague.cap} and I had words about {work_thing} and sorted it out by the afternoon.
A quiet shift; I cleaned the big press and thought about nothing in particular.
Made a mistake on {work_thing} and owned it straight away instead of hiding it.
Worked an extra hour to finish {work_thing} and didn't resent it.
Lunch in the yard with {colleague}, talking about nothing much.
Spent the afternoon on {work_thing} with {colleague}, and it went well.
== note.body
In bed by ten, up at six, and the day felt twice as long in a good way.
Did the stretches the physio gave me, and my back thanked me.
Water all day instead of coffee, and no headache for once.
A proper lunch, sitting down, which makes more difference than it should.
The doctor says my blood pressure is down; I walked home the long way to celebrate.
Five-a-side with the lads from work: I was terrible and loved it.
Skipped the takeaway and cooked {meal} instead.
Slept {hours} hours straight, which still feels like a small miracle.
Cooked {meal} and ate it at the table like a grown-up.
Walked {walk_place} {when}, and my head cleared on the way.
Went for a run {walk_place}, slow, but I went.
Swam twenty lengths {when} and felt about ten years younger.
Cycled {walk_place} {when}; my legs will hate me tomorrow.
Dentist this morning, the first time in three years.
Weighed myself and I've lost half a stone without trying.
A headache most of the day; water and an early night.
== note.home
Tidied the kitchen before bed, so tomorrow starts clean.
Hung Lily's painting in the hall.
Sorted the wardrobe and found two coats I'd forgotten I owned.
Opened the windows, put music on and cleaned the whole flat.
Bought a plant for the windowsill; we'll see if I can keep it alive.
The flat finally looks as if someone lives in it on purpose.
{small_job_cap}, which I'd been putting off for months.
Finally {small_job}, and the flat feels lighter for it.
Spent the evening at home and {small_job}.
{small_job_cap} {when}, with the radio on.
== note.weather.winter
Dark by four, and cold; I lit a candle and read.
Frost on the car this morning and a clear blue sky by lunch.
Sleet all afternoon, so I stayed in and {small_job}.
Snow for about an hour {when}, then just slush.
Bitter wind {when}; I walked {walk_place} anyway and came back pink.
A cold grey day; I made {meal} and stayed in.
== note.weather.spring
First properly warm day; I walked {walk_place} with my coat open.
Rain on and off, and the blossom everywhere anyway.
Light until eight now, which makes the evenings easier.
Windy and bright; the washing dried in an hour.
Showers {when}, then sunshine, then showers again.
Birds loud at five in the morning; I lay and listened instead of worrying.
== note.weather.summer
Too hot to sleep; I sat by the open window until midnight.
A long light evening; I walked {walk_place} and got home at ten.
Thunderstorm {when}, and the air was fresh afterwards.
Ate my tea outside on the step, with {meal} and a cold lemonade.
Hot and sticky {when}; I went the long way home {walk_place} in the shade.
== note.weather.autumn
Leaves everywhere and the first cold morning.
Grey and drizzly all day, and I didn't mind it much.
Bright cold afternoon; I walked {walk_place} and kicked through the leaves.
Fog first thing, then a soft gold afternoon.
Rain {when}, hard, and I got soaked walking {walk_place}.
== @step_manner
at the kitchen table
with a mug of tea going cold
in bed, on my phone
with the radio off
while the rain came down
after putting it off all evening
== note.steps
Wrote {answers} for step {step} tonight, {step_manner}.
Sat down with step {step} after dinner and managed {answers}, {step_manner}.
Worked on step {step} for an hour and got {answers} down on paper.
Step {step} tonight: {answers}, slowly, {step_manner}.
Another evening on step {step}: {answers}, to go through with {sponsor} on Sunday.
Made myself sit down with step {step}, and {answers} came out easier than I feared.
Step {step} again after tea: {answers}, and a lot of staring at the wall in between.
== note.service
Made the tea for the Saturday group and stayed to wash up with {friend}.
Put the chairs away after the meeting and turned off the urn, which is my job now.
Sat with a newcomer at the break and mostly just listened.
Took my turn on the phone list; one call, a long one.
Brought the biscuits, as promised, and {friend} pretended to be amazed.
Made the tea and coffee for the group and washed up after.
Set out the chairs before the meeting, which keeps me out of my own head.
Did the welcome at the door tonight and shook about thirty hands.
Drove {friend} home after the meeting; we talked in the car for {talk_length}.
Took a phone call from a man who'd found our number and was scared to come.
Helped {friend} carry the urn and the boxes in from the car {when}.
Stayed behind with {friend} to stack the chairs and talk about {theme}.
== note.sponsee
{sponsee} rang {when}; I mostly listened, the way {sponsor} does with me.
Met {sponsee} for a coffee and we read through his step one answers together.
{sponsee} missed our call, and I had to remind myself that it isn't about me.
{sponsee} asked me about {theme}, and I told him what {sponsor} once told me.
Walked {walk_place} with {sponsee}; he talked, I mostly listened.
== note.evening
Early night.
Tired, but sober tonight.
In bed by ten with a book.
That'll do for today.
Bath, tea, bed.
Phone off, lights off.
Enough for one day.
Off to bed with {meal} still warm in me.
Bed now; {friend} rings at eight.
Lights out, and thankful.
== note.slip.after
I drank yesterday, at my brother's wedding, after saying I'd only stay an hour.
I rang {sponsor} this morning and told him everything before I could talk myself out of it.
He said the thing to do now is what I did on day one: not drink today and go to a meeting.
I feel ashamed, and underneath it, oddly, relieved that I told the truth.
== note.slip.later
Second day back: shaky, embarrassed, and at a meeting anyway.
Back to counting from one, which stings, but one is a real number.
{friend} said half the room has started again at some point, and I believed him.
Told the group about the wedding; nobody looked away.
The shame is smaller today than yesterday.
Went through what happened at the wedding with {sponsor}, hour by hour.
Threw out the bottle of wine I'd been given as a present, without a speech.

# --- milestones, written in the day's note ----------------------------------------------------
== milestone
7 A week today, the first one in years.
30 Thirty days today; they gave me a key ring at the meeting and I held on to it all evening.
60 Sixty days, and I'm sleeping through the night most of the time.
90 Ninety days today, and {sponsor} shook my hand as if I'd done something hard, which I have.
100 A hundred days; I worked it out on the calendar twice to be sure.
200 Two hundred days today, and I nearly forgot, which feels like a good sign.
300 Three hundred days sober, and an ordinary kind of feeling about it.
again7 A week again, and this one I'm holding more gently.
again30 Thirty days again; I took the key ring, and nobody made anything of the last one.
again60 Sixty days since the wedding, and the shame has mostly gone quiet.
again90 Ninety days again; {sponsor} said the second ninety count just as much as the first.
y1 A year today; I took a cake to the group and Lily helped me ice it.
y2 Two years today, and I spent the evening quietly, which is what I wanted.
y3 Three years today; {sponsor} rang first thing to say so.
y5 Five years today, and I still count it, because it still matters.

# --- the journal: titles, reflections and lists ----------------------------------------------
== journal.title
A long week
A thought to keep
Looking back
Note to self
Small things
Two steps forward
Something that helped
Letting go
On being wrong
About {theme}
Thinking about {theme}
Tired but here
Quiet evening
== journal.title.meeting
What I heard tonight
After the meeting
What {friend} said
== journal.title.sponsor
Coffee with {sponsor}
What {sponsor} said
Something {sponsor} asked
== journal.title.family
Family
About Dad
Talking to {relative}
A hard conversation
== journal.title.daughter
Lily
Time with Lily
== journal.title.work
Back at work
After a long day at work
== journal.title.weather
Out walking
Weather and moods
== journal.title.hard
Not a great day
Lessons from a bad day
Getting through
== journal.title.good
A good day
Ordinary and good
Small wins
== journal.title.craving
The old thinking
About the craving
== journal.title.service
Being useful
== journal.title.sponsee
Coffee with {sponsee}
== journal.title.home
At home
== journal.title.body
Looking after myself
== journal.title.dated
Day {count}
{weekday}
== journal.title.evening
{weekday} evening
{weekday} night
== journal.reflect.early
I wrote it on a card for the fridge: {lesson}.
It's only day {count}, but I can already see that {lesson}.
Today taught me, the hard way, that {lesson}.
Maybe the lesson is simply that {lesson}.
I don't believe it yet, but I want to: {lesson}.
{friend} told me that {lesson}, and I wrote it down.
I think {lesson}.
What I'm starting to see is that {lesson}.
Mike says that {lesson}, and today I half believed him.
If I had to write down one thing from today, it would be that {lesson}.
Someone said at a meeting that {lesson}; I'm beginning to see it.
== journal.reflect.middle
Looking back at this week, I think {lesson}.
It's becoming a habit to remember that {lesson}.
I nearly forgot it today, but {lesson}.
The review keeps pointing at the same thing: {lesson}.
If I'm honest, {lesson}, and I'm slowly learning to live by it.
{sponsor} would say, and he'd be right, that {lesson}.
More and more I notice that {lesson}.
The step work keeps showing me that {lesson}.
A year ago I wouldn't have believed that {lesson}.
What the inventory is teaching me, slowly, is that {lesson}.
I keep relearning that {lesson}.
== journal.reflect.later
It took me a long time to believe that {lesson}.
These days I mostly remember that {lesson}.
On a good day I know that {lesson}, and today was a good day.
If I could pass one thing on, it would be that {lesson}.
A year in, I'd put it like this: {lesson}.
Still true, still easy to forget: {lesson}.
It still surprises me how often {lesson}.
I'd tell the man I was a year ago that {lesson}.
Some days the whole programme comes down to this: {lesson}.
I used to think I knew that {lesson}; now I actually live it some of the time.
{friend} asked me what I'd learned, and the honest answer was that {lesson}.
== journal.list.heading
Things that helped on {weekday}:
To talk over with {sponsor} this week:
Small wins since {weekday}:
On my mind this {weekday}:
For tomorrow, after {weekday}'s mess:
What I want to remember from {weekday}:
Worth asking {friend} about:
Things I'm letting go of tonight:
== journal.list.item
calling before acting
a walk {walk_place}
an early night
keeping my word to {relative}
not rushing the morning
asking {friend} about {theme}
the amends to my brother
money worries
{work_thing} at work
Lily and {lily_thing}
saying sorry quickly
ten quiet minutes before work
eating before I got hungry
{friend}'s number saved at the top of my phone
the list of resentments I haven't finished
what I say when someone offers me a drink
ringing {relative} at the weekend
a meal with {friend}
the bill I've been avoiding
getting to bed before eleven
writing the step answers I keep putting off
what {sponsor} said about {theme}
not checking my phone in bed
a long walk {walk_place}
saying thank you to {colleague}
== tags
craving | craving
feeling | feelings
hard | hard day
good | gratitude
meeting | meeting
sponsor | sponsor
family | family
daughter | Lily, family
work | work
body | health
home | home
weather | walks
steps | steps
service | service
sponsee | service, sponsor
morning | morning

# --- the nightly review: notes for each question -------------------------------------------
== review.resentful
At Martin for the comment about my speed in front of everyone.
At {relative} for bringing up the past again.
At {relative} for not asking how I was.
At {relative} for the tone of that message {when}.
At the driver who cut me up at the roundabout, and for longer than it deserved.
At {friend} for cancelling at the last minute.
At {friend} for being late {when}.
At myself for oversleeping, which is the old pattern.
At Anna for changing the weekend arrangements without asking.
At the council letter, which is a silly thing to resent, but there it is.
At {colleague} for leaving me {work_thing} again.
At the man in the queue who pushed in, for about five minutes.
Still chewing on what my brother said at Christmas.
At the bank for the charge, even though the overdraft was mine.
== review.selfish
Took the last of the milk at work and didn't replace it.
Talked about myself all through coffee with {friend}.
Wanted the evening my way and sulked when it wasn't.
Rushed Lily out of the park because I was tired.
Made the phone call about me when {relative} needed to talk.
Left {colleague} to finish {work_thing} so I could get away early.
Kept the good chair and the remote all evening.
== review.dishonest
Said I was fine when I wasn't.
Told Martin I'd finished {work_thing} when there was still a bit left.
Made the story about the late delivery sound better than it was.
Pretended to {friend} that I'd read the chapter.
Said I was busy to get out of Mum's call.
Let {relative} think the money problem was sorted.
Told {colleague} I hadn't seen the message.
== review.afraid
That {friend} is angry with me about something I said {when}.
Of {work_thing} going wrong again.
That {relative} will bring up the old days at the weekend.
Money at the end of the month.
That people at work will find out about my drinking.
The doctor's results.
That Anna will change her mind about the weekends.
Of ringing Tom about the amends.
That I'll let Lily down again.
That I'll get {work_thing} wrong in front of Martin.
Of sharing at the meeting.
That the good run can't last.
That {relative} is more ill than {relative.he} is letting on.
That {friend} is drinking again and I won't know what to say.
== review.apology
Tom | Hung up on him | Tom: I hung up on him when he mentioned money.
Jess | Snapped at her about the rota | Jess, for snapping about the rota.
Mum | Was short with her on the phone | Mum; I was short with her on the phone.
{friend} | Forgot our coffee | {friend}, for forgetting our coffee.
Lily | Lost my temper at bath time | Lily: I lost my temper at bath time.
The neighbour downstairs | Slammed the door late at night | The neighbour downstairs, for the
  door at midnight.
Martin | Blamed the machine for my mistake | Martin: I blamed the machine for my own mistake.
Anna | Was sarcastic about the new arrangements | Anna, for being sarcastic about the new
  arrangements.
Tony | Took the credit for his idea | Tony, for taking the credit for his idea.
Jess | Left {work_thing} for her to finish | Jess, for leaving {work_thing} half done.
{friend} | Snapped at {friend.him} after the meeting | {friend}: I snapped at {friend.him} after
  the meeting.
Rita | Talked over her at the meeting | Rita, for talking over her at the meeting.
Kate | Forgot to ring back about Mum | Kate: I said I'd ring back about Mum and didn't.
The man at the garage | Was rude about the bill | The man at the garage; I was rude about the
  bill.
== review.kept_secret
The craving {when}, which I didn't mention to anyone.
How worried I am about money.
That I nearly went into the shop {when}.
That I'm still angry with Dad.
The overdraft letter.
That I skipped the meeting and told myself I was too tired.
How {feeling_mid} I've been all week.
== review.kind
Made {colleague} a tea without being asked.
Sent {friend} a message to say the share last night helped me.
Let the man with two items go ahead of me at the till.
Picked up litter outside the hall before the meeting.
Told Mum her soup was the best I'd had in years, and meant it.
Helped {friend} move a wardrobe up three flights of stairs.
Listened to Mum's story about the neighbours without looking at my phone.
Covered {colleague}'s shift for a hospital appointment.
Left a note for the postman saying thanks.
Read Lily two extra chapters at bedtime.
Brought biscuits in for the whole shop.
Gave {friend} a lift home in the rain.
Let the car out at the junction and waved.
Rang {relative} {when} just to see how {relative.he} was.
Helped {colleague} with {work_thing} without being asked.
Carried the shopping up for the woman on the second floor.
== review.others
Rang {friend} {when} because {friend.he} had been quiet at the meeting.
Remembered {colleague}'s birthday and brought a card in.
Held the door and waited for {relative} at the shops, without sighing.
Rang {friend} to ask how the interview went.
Stayed late to stack the chairs so the others could get home.
Thought about what Lily wanted to do, not what I wanted.
Asked {colleague} about the weekend and actually listened.
Sent {relative} a message just to say hello.
Welcomed the new man at the meeting and gave him my number.
Let {colleague} have the easier part of {work_thing}.
Took {friend} to the hospital appointment and waited.
== review.worry
Spent the evening going over the same conversation.
Ran through everything that could go wrong at the doctor's.
Woke at three and counted bills in my head.
Kept checking my phone for Anna's reply.
Played the argument with Martin over and over on the bus.
Worried about Lily's cough long after she was asleep.
Went round and round about {work_thing} {when}.
Worried about {relative} {when}, with nothing to be done about it tonight.
== review.better
Asked {colleague} what was needed instead of guessing.
Sat down to eat instead of eating over the sink.
Said "I don't know" to Martin rather than bluffing.
Left the last email until the morning.
Gone {meeting_any} even though I was tired.
Kept quiet for a second longer before answering {relative}.
Turned the phone off an hour before bed.
Said thank you to {friend} properly.
Rung {friend} {when}, when I first felt it building.
Said something kind to {colleague} about {work_thing} instead of only the problems.
Gone {walk_place} instead of straight home to the sofa.
Eaten {meal} instead of a packet of crisps.
Listened instead of waiting for my turn to talk.
Called {sponsor} earlier, before it got loud in my head.
Gone to bed instead of scrolling.
Eaten lunch instead of running on coffee.
Said no to the extra job rather than yes and then grumbling.
Asked for help with {work_thing} straight away.
Left the house five minutes earlier.
Let {friend} finish the story.
Stopped the argument with {colleague} when I felt it starting.
Told the truth the first time.
Put the phone away at dinner.
Taken the long way home, past the park and not the shop.
Rung {relative} back {when} instead of leaving it.
Walked {walk_place} instead of sitting and stewing.
Been gentler with {colleague} about {work_thing}.
Asked {friend} how {friend.he} was before talking about myself.
== review.tomorrow
Leave the phone in the kitchen overnight.
Say good morning to {colleague} before anything else.
Take the stairs at work.
Ask {sponsor} about {theme}.
Have {meal} ready for lunch so I don't skip it.
Go {meeting_any}, whatever my head says at six o'clock.
Write the review before I'm too tired.
Answer {relative}'s message before noon.
Get {work_thing} done before lunch.
Ring {friend} {when}.
Walk {walk_place} {when}.
Make {meal} and take some round to {relative}.
Morning meeting before work.
Ask for help with {work_thing} instead of pretending.
Ten minutes of quiet before the day starts.
Ring {relative} before {relative.he} rings me.
Take lunch outside, away from the screen.
Pay the water bill first thing.
Message {friend} about coffee.
Say sorry to {colleague} about {work_thing}.
Walk {walk_place} after work.
Go through the next step questions with {sponsor}.
Get to bed by eleven.
Leave the car and walk to work.
Eat breakfast sitting down.
Ring {sponsor} {when}, whatever sort of day it is.
Cook {meal} instead of getting a takeaway.
Tell {friend} the truth about how I'm doing.

# --- gratitude: one line each, as the review's list holds them --------------------------------
== @friend_gift
text first thing
joke at the meeting
lift home in the rain
phone call when I needed it
advice about work
hug after the meeting
== @sponsor_thing
picking up on the second ring
saying "well done" and meaning it
taking my call late
buying the coffee
not letting me off the hook
== @wake_state
clear-headed
before the alarm
without dread
rested
hungry for breakfast
== @small_good
Hot water and a clean towel
The smell of the print shop first thing
A quiet hour with a book
Getting home dry, just before the rain
A day without a headache
Mum laughing on the phone
Being on time, all week
A kind word from Martin
Enough money left for the weekend
The bus arriving just as I got there
My own bed
A clear head in the morning
Clean sheets
A letter I wasn't afraid to open
The first strawberries of the year
A seat on the bus
The heating coming on
Someone at the meeting remembering my name
Finishing a book
A good cry
A whole evening without checking my phone
Dry socks
A cheap good coffee
Getting the washing in before the rain
Laughing at myself instead of sulking
Lily's drawing on my fridge
A bank statement I could read without panic
An early night
A long hot shower
Being trusted with the keys to the hall
Fresh bread from the corner shop
Hearing the birds first thing
A nap on Sunday afternoon
The last page of my step answers
Someone new asking for my number
The bus driver who waited
A quiet Sunday
Honest words with Anna
A stranger's smile on the bus
The library being warm
A new pair of boots that don't leak
Soup on a cold night
Paying a bill on time
Lily's voice on the phone
== @good_feeling
light
calm
useful
like myself
at home in my own skin
== @sound
rain on the window
Lily laughing in the next room
the kettle in the morning
the blackbird outside my window
the group laughing together
== @lily_moment
her first wobbly cartwheel
her plait coming out wonky and both of us laughing
the card she made me
her holding my hand without thinking about it
her asleep in the car
the way she says goodnight
== gratitude
Lily and {lily_moment}
Being able to help {friend} {when}
{relative.cap} sounding well on the phone
Getting {work_thing} right first time
A kind word from {colleague} {when}
Tea with {relative} {when}
{friend} saving me a seat at the meeting
{meal_cap} with {friend}
A good talk with {colleague} about {work_thing}
Feeling {good_feeling} {when}
The sound of {sound}
Sunshine {when}
{friend}'s {friend_gift}
A call from {relative} {when}
{sponsor} {sponsor_thing}
Waking up {wake_state}
A walk {walk_place} {when}
{meal_cap} for tea
Lily, and the afternoon we {lily_do}
{small_good}
{count} days without a drink
Coffee with {friend} after the meeting
Finishing {work_thing} on time
{colleague.cap} covering for me {when}

# --- spot-checks: what disturbed me | what I did -----------------------------------------------
== @spot_place
at the shop
on the bus
at the bus stop
in the queue at the bank
outside the pub on the corner
at the petrol station
== @spot_person
{friend}
{sponsor}
my sister
Rita from the group
== @spot_deed
walked on and rang {spot_person}
turned round and went home the long way
bought a bottle of water and left
sat on a bench and texted {spot_person}
== @spot_hurt
{colleague} was short with me about {work_thing}
Martin moaned about {work_thing} in front of everyone
a customer shouted about {work_thing}
I got cross with myself over {work_thing}
== @spot_mend
said so out loud and let it go
went for a glass of water before answering
breathed, said I'd sort it, and sorted {work_thing} first
told {colleague} I was rattled, which took the heat out of it
== spot
Wanted a drink {spot_place} | I {spot_deed}
At work, {spot_hurt} | I {spot_mend}
Worried about {relative} | Rang {relative.him} instead of imagining the worst
A text from Anna about changing the weekend | Waited an hour before answering
Worried about the doctor's appointment | Wrote it down and said a short prayer
Overdraft warning on my phone | Looked at the numbers instead of hiding from them
Traffic, and I was going to be late | Rang ahead and stopped rushing
{relative.cap} came up in conversation and my jaw went tight | Kept quiet, and wrote about
  it later
Tired and hungry and cross | Ate something before saying anything else
Felt {feeling_mid} | Named it, and rang {friend}
An old drinking friend rang | Let it ring, and rang {friend} instead
Scrolling old photos from the drinking days | Put the phone in a drawer and walked
  {walk_place}
== meeting.note
Topic: {theme}.
Shared about {theme}.
Chaired tonight; the topic was {theme}.
Newcomer came; gave him my number.
{friend} celebrated a year.
Lots of laughter tonight.
Reading and discussion on {theme}.
{friend} shared about {theme}; worth remembering.
Quiet meeting, mostly about {theme}.

# --- the slip, and the step tools --------------------------------------------------------------
== slip
Drank at my brother's wedding after saying I'd only stay an hour. | Leave early, bring my own
  drinks, and call someone before I go, not after.
== practice.note
Ten quiet minutes before work.
Read a page and thought about it on the bus.
Sat in the kitchen with the light off for a while.
Prayed, in my own clumsy words.
Breathing exercise from the app.
Quiet time on the bench {walk_place}.
Read a page, then just sat.
Said thank you out loud, feeling a bit silly.
Five minutes, distracted, but I sat.
Morning quiet before Lily woke up.
Sat by the window and watched the street wake up.
Asked for help with {theme}, in my own words.
Quiet walk {walk_place} with no headphones.
Thought about {theme} for a while, without trying to fix anything.
Counted breaths to ten, lost count, started again.
Read a page about {theme} and let it sit.
Quiet by the window {when}; the street was still asleep.
Five slow breaths before opening my emails.
Prayed for {relative}, which I haven't done in years.
Prayed for {friend}, who is having a hard time.
Stood at the back door with my tea and did nothing at all.
Ten minutes with the app, then a short walk.
Sat in the car before work, engine off, just breathing.
Thought about what {sponsor} said about {theme}.
A short prayer on the bus, eyes open.
== service.note
meeting_service | Set up the chairs before the meeting with {friend}.
meeting_service | Welcomed a newcomer and sat with {friend.him} at the break.
meeting_service | Kept the time for the shares tonight.
meeting_service | Did the readings; my voice was steadier than last time.
other | Helped {friend} clear the hall after the group's party.
carrying_message | Rang the newcomer from last week to see how {friend.he} was doing.
meeting_service | Set up the chairs before the meeting.
meeting_service | Made the coffee for the group.
meeting_service | Did the welcome at the door.
meeting_service | Read the opening at the meeting.
meeting_service | Took the collection to the bank.
meeting_service | Washed the cups and locked up.
carrying_message | Spoke at the treatment centre.
carrying_message | Answered the helpline for two hours.
carrying_message | Met a newcomer for coffee before the meeting.
carrying_message | Gave my number to a newcomer and rang {friend.him} the next day.
meeting_service | Bought milk and biscuits for the group.
meeting_service | Cleaned up the kitchen at the hall with {friend}.
meeting_service | Read the welcome, and stayed on to lock up with {friend}.
other | Took the group's posters round the library and the surgery.
other | Helped {friend} with {friend.his} step one questions after the meeting.
other | Drove {friend} to a meeting across town.
== service.sponsee
Coffee with {sponsee}; we went through his step one answers.
Long call with {sponsee} about his job.
{sponsee} came with me to the Saturday meeting.
Read the step two questions with {sponsee}.
{sponsee} rang after a bad day; we talked it through.
Walked {walk_place} with {sponsee} and talked about amends.
== pack
Tuesday group
== pack.question
4 | Which fear showed up most often this week?
5 | What did you feel after you shared?
6 | Which old habit are you most afraid to lose?
== wording.step3
I hand my will and my life over to the care of a power greater than my old habits, as I
  understand it today.
== step1.powerless
Promised myself a dry January three years running; never made it past the fifth.
Drank on the way to my daughter's school play.
Hid bottles in the shed even when nobody was looking.
Meant to have one with Tom at the pub and woke up on his sofa with no memory of the evening.
Poured a bottle down the sink, then went out and bought another the same night.
== step1.unmanageable
Two warnings at work for being late on Mondays.
Overdraft every month, though I earn enough.
Stopped seeing friends who did not drink.
Missed Lily's birthday party because I was asleep at four in the afternoon.
Stopped opening letters.
== defects
Impatience | Patience | I snap at people in queues and in traffic.
Self-pity | Gratitude | Evenings alone turn into a list of what went wrong.
Dishonesty | Honesty | Small lies to avoid awkward talks.
Resentment | Forgiveness | Replaying old arguments with my father.
Pride | Humility | I won't ask how to do something at work, and then get it wrong.
Procrastination | Diligence | Bills and letters pile up until they frighten me.

# --- the step 4 worksheets and the amends ------------------------------------------------------
== resentments
My old boss at the warehouse | Passed me over for the team lead job | self_esteem, ambitions |
  self_seeking, frightened | I was late most Mondays and knew it.
Dad | Never came to my matches | self_esteem, personal_relations | selfish | I still expect him
  to be someone else.
The bank | Froze my card for the overdraft | security, finances | dishonest | I hid the
  statements for months.
Anna | Took Lily and moved to her mother's | pride, personal_relations, sex_relations |
  selfish, inconsiderate | I was drunk most evenings that last year; she did what she had to.
My brother Tom | Told the family I was a drunk at Mum's sixtieth | pride, self_esteem |
  dishonest | He was right, and I had made a scene.
The neighbour downstairs | Complained about the noise to the landlord | security, pride |
  inconsiderate | The music was loud, and late, more than once.
== fears
Being found out at work | I covered my drinking with stories | When Martin looked at me a
  second too long | Lying and working twice as hard on Tuesdays | Tell the truth when asked,
  and do a fair day's work.
Being alone | Evenings were for drinking | After Anna left | Filling every evening with noise
  and drink | Ring someone, go to a meeting, let a quiet evening be quiet.
Money | There was never enough of it at home | As a boy, when the electricity was cut off |
  Ignoring the letters until they went away | Open the post on Saturdays and make a plan with
  help.
Losing Lily | I nearly did | The day Anna said I couldn't have her at weekends | Promises I
  didn't keep | Turn up, sober, on time, and let trust come back at its own speed.
== sex_conduct
Anna | dishonest, selfish | suspicion, bitterness | I lied about where I spent the nights.
  | Tell the truth, even when it means a row. | Honesty and kindness, even when the truth is
  awkward.
Claire | inconsiderate | jealousy | Flirted with her at the works party to make Anna jealous.
  | Leave the party when I've had enough, or not go. | Treat people as people, not as moves in
  a game.
== harms
My sister Kate | Borrowed money three times and did not pay it back | She went without so I
  could have it, and stopped counting on me.
The neighbour downstairs | Shouted at him over the parking space | He avoided the stairwell
  when he heard me coming.
Mum | Rang her drunk, late, more times than I can remember | She couldn't sleep for worrying.
Lily | Missed her birthday party and two school plays | She stopped asking if I'd come.
Martin | Came in unfit to work and let others cover | The others were stretched and he
  carried the blame.
Tom | Made a scene at Mum's sixtieth | It spoiled the day for everyone.
== amends
My sister Kate | direct | now | Pay the money back in monthly amounts and tell her why. | She
  cried, then made me a cup of tea; we talked for two hours.
The neighbour downstairs | direct | now | Knock on his door, say sorry for the shouting, and ask
  if anything else has bothered him. | He was surprised, and shook my hand.
Mum | living | now | Ring her every Sunday, sober, and turn up when I say I will. | She says she
  sleeps better.
Lily | living | now | Be there, on time, every time; say sorry once, simply, and then show it. |
Martin | direct | later | Tell him what was going on, and say sorry for the days I came in
  unfit. | He said he'd guessed, and thanked me for saying it.
Tom | direct | maybe | Meet him on neutral ground and own the scene at Mum's sixtieth, without
  excuses. |

# --- step answers, one for each guiding question -------------------------------------------------
== sponsor.notes
# What Alex's sponsor wrote back in his progress reports: the day of a full-length history it was
# written on | the item it is about (domain/sponsor_notes.py) | the sponsor's words | Alex's answer
44 | report | You did what step 1 asks: you told the truth on paper. Keep going to the Tuesday
  group, and call me when the evenings get long. |
44 | answer:1:s1.q02 | "Every rule lasted a few weeks." Read that line again before we meet. It says
  more than the rest of the page. | I read it out loud. It was the first time I saw the pattern as
  a pattern.
196 | step:4 | Steady, honest work. We will read all of it together on Sunday, so bring a pen. |
196 | row:resentments:demo-r0 | You wrote about your part, which is the hard column. What were you
  afraid would happen if you asked for help? | That they would see I was struggling and let me go.
196 | worksheet:fears | Notice how many of these come back to being found out. That is worth a
  talk of its own. |
300 | amends | The list is honest. Start with the people you feel ready for now; the others can
  wait until you are. |
300 | row:amends:demo-a0 | Pay it back first, then talk. After three times, words alone would not
  mean much to her. | Agreed. The first payment goes out on Friday.
410 | reviews | Nearly every night reviewed, and the craving numbers keep coming down. Look at the
  nights you called someone: they are the calm ones. |

== answers
s1.q01 Honestly, I told myself for years it was just stress. Looking back, it started in my
  twenties, when I couldn't go to a party without drinking before I went.
s1.q02 Dry Januaries, only beer, only at weekends, never before six. Every rule lasted a few weeks,
  and then I found a reason why this day was different.
s1.q03 Nearly every time. I would plan two and have eight, and the plan for two was usually a lie
  I believed.
s1.q04 I slept badly, woke at four with my heart pounding, and ate mostly crisps and takeaways.
  My blood pressure was up at my last check.
s1.q05 My sister stopped calling, Mum worried herself sick, and Lily stopped asking if I'd come to
  things. Anna left, and I don't blame her now.
s1.q06 I lost the warehouse job and blamed the manager. At the print shop I had two warnings, and
  my overdraft never cleared.
s1.q07 That I'd be at Lily's school play. That I'd stop after the wedding. That I'd never drink in
  the morning. I broke every one.
s1.q08 That everyone drinks, that I still had a job, that I never drank spirits. And that I could
  stop whenever I wanted, I just didn't want to yet.
s1.q09 Frightening and a relief at the same time. Like putting down a bag I'd been carrying so
  long I'd forgotten it was heavy.
s1.q10 Missing Lily's birthday party. I woke at four in the afternoon to eleven missed calls, and I
  knew I couldn't keep going.
s2.q01 I thought some people just have the strength and some don't, and I didn't. Meetings
  sounded like a club for people worse off than me.
s2.q02 Mum gave up smoking at sixty. And Sam from the Tuesday group used to sleep in his car; now
  he runs a café.
s2.q03 They laugh a lot. They're not perfect, they talk about their bad days, but they seem at
  ease with themselves.
s2.q04 Mostly my own voice telling me I've failed at everything else, so why would this be
  different.
s2.q05 Today it's the group, and whatever it is that kept me alive through the worst of it. I
  don't need to name it yet.
s2.q06 Church as a boy, which felt like rules and being told off. And my gran, who prayed quietly
  and was the kindest person I knew.
s2.q07 I believed I drank because of my job, my marriage, my father. I believed tomorrow I'd stop.
  I believed nobody noticed.
s2.q08 Waking up without dread. Being someone Lily can count on. Paying bills when they come.
s2.q09 I slept through the night last Thursday. And my sister answered my message.
s3.q01 Admitting that my own best thinking got me here. Letting others' experience count for more
  than my clever arguments.
s3.q02 Money and Lily. I want to control every arrangement with Anna, every penny.
s3.q03 That I'll lose myself, or become one of those people who talk in slogans. That it won't
  work for me.
s3.q04 Badly. Everything I managed on my own, I managed with a drink in my hand.
s3.q05 I trusted my gran completely. Today I'm learning to trust Mike, and the people who were
  where I am and got out.
s3.q06 Less exhausting. I wouldn't have to win every argument in my head before breakfast.
s3.q07 A short line on a card by the kettle, and ringing Mike on my way to work.
s3.q08 I'm going to try doing it the way people who are well do it, rather than the way I've always
  done it, and see what happens.
s3.q09 Go to the meeting tonight even though I'm tired, and ask someone how they are.
s4.q01 Dread, mostly. Then a bit of relief that someone has a method, and I don't have to work out
  how to do it.
s4.q02 Why I keep ending up in the same fights with different people.
s4.q03 Dad, my old boss, Anna, Tom. Every time I felt resentful it came back to the same thing:
  being overlooked, not counted.
s4.q04 I lie awake rehearsing arguments. I'm short with people who have nothing to do with it. I
  used to drink on them.
s4.q05 Fear of being found out and fear of money. I avoided both by not opening letters and by
  keeping people at a distance.
s4.q06 Pride stopped me asking for help at work. Self-pity was the soundtrack of most evenings. And
  I lied to avoid awkward talks.
s4.q07 I go quiet and then explode. I want to be looked after and then resent it when I am.
s4.q08 My boss, my ex, my father, the bank. The list was long and I was never on it.
s4.q09 I work hard when I'm well. I'm good with kids. I can make people laugh. I keep going.
s4.q10 Fear that someone will read it. It helped to keep it in this app, and to write one line at
  a time.
s5.q01 That Mike will think less of me, especially about Anna and Claire.
s5.q02 Mike. He's heard worse, he told me so, and he's never once used anything against anyone
  that I've seen.
s5.q03 The money I took from Mum's purse. I nearly left it out; it's the one that makes me feel
  sick.
s5.q04 That I'm not hiding anything any more, not even from myself. The door is open.
s5.q05 That I'll stop carrying it all on my own.
s5.q06 Saying it out loud, I heard how often I play the victim, and how often I struck first.
s5.q07 He nodded a lot, said "me too" twice, and at the end he asked if I was hungry. It was the
  most normal thing, and it undid me.
s5.q08 Lighter. Not proud, not ashamed. Just clear.
s5.q09 That I'm not uniquely bad. I'm ordinary, which is both disappointing and a great relief.
s6.q01 Impatience, self-pity, dishonesty, and pride that won't ask for help.
s6.q02 Impatience makes me snap at Lily. Self-pity keeps me stuck. The lies cost me Anna's trust.
  Pride cost me the warehouse job.
s6.q03 Pride, a bit. It feels like the thing that kept me going when nobody else believed in me.
s6.q04 A quick feeling of being in charge, of being the one wronged. It's a cheap comfort.
s6.q05 Calmer evenings. Fewer apologies to make. People might actually enjoy my company.
s6.q06 Fear that I'll be a doormat. And habit; I don't know who I am without my complaints.
s6.q07 Patience, gratitude, honesty, and being able to say "I don't know, can you show me?"
s6.q08 I catch things sooner. I can laugh at myself in the middle of a sulk.
s6.q09 Ringing Mike and hearing him say he still has the same defects, just on a lower flame.
s7.q01 Humility is seeing myself at my real size, no bigger and no smaller. Humiliation is being
  made small by someone else.
s7.q02 Awkward. I'd rather fix myself, which is the whole problem.
s7.q03 Help me to see people, not obstacles, and to stop before I speak when I'm angry.
s7.q04 Impatience, every day, in traffic, in queues, with the printer at work.
s7.q05 Take one breath, name it to myself, and say less.
s7.q06 I let a driver out at the junction yesterday and didn't mutter. I apologised to Jess before
  she even mentioned it.
s7.q07 Better than I did. I say "there it is again" instead of "you idiot".
s7.q08 A short ask in the morning, and the review at night to see how it went.
s8.q01 Looking at the damage without hiding behind my reasons for it.
s8.q02 Money, with Kate and Mum. Trust, with Anna and Lily. Frightened the neighbour. Left others
  to carry my work.
s8.q03 Tom. He hurt me too, at Mum's party, and I want him to go first.
s8.q04 Tom, and Dad. While I'm waiting for their apologies I'm not free to make mine.
s8.q05 My health, my savings, twenty years of evenings I can't remember.
s8.q06 That they'll slam the door. That they'll say yes, and then I'll have to actually change.
s8.q07 Lighter, I think. Able to walk into Mum's house without bracing myself.
s8.q08 Talking it over with Mike, and remembering how much I wanted Dad to say sorry to me.
s8.q09 He stops me punishing myself and stops me wriggling out. He has no stake in either.
s9.q01 Putting things right where I can, and living differently so the apology means something.
s9.q02 Kate feels most urgent because of the money. Tom feels hardest, because of pride.
s9.q03 I talk each one over with Mike first, and I don't make any amends that would help me feel
  better at someone else's expense.
s9.q04 To Kate: that I was wrong, that I'll pay her back each month, and that I'm not asking her
  to forgive me.
s9.q05 Let them be angry, say thank you for listening, and leave the door open. It's theirs to
  decide.
s9.q06 Claire, who I wouldn't contact now; being honest in how I treat people is the amend there.
s9.q07 Turning up on time for Lily, every single time, is the amend she'll actually notice.
s9.q08 Shaky, then light, then very tired. Kate hugged me, which I hadn't expected.
s9.q09 That most people are kinder than the version of them I kept in my head.
s10.q01 My jaw gets tight and I start planning conversations that haven't happened.
s10.q02 Stopping for one breath, and a quick text to someone if it's bad.
s10.q03 Easier than it was. It still stings, but the sting passes faster than the lie would.
s10.q04 Impatience and self-pity, nearly always when I'm hungry or have slept badly.
s10.q05 Doing it the same day, before the story in my head gets longer.
s10.q06 I write the review like I'd talk to a friend, not like a charge sheet.
s10.q07 I'm more patient with Lily. I listen better at work. I'm reliable.
s10.q08 That the same three things come up, and that they come up less than they did.
s10.q09 Doing it in bed, on my phone, even if it's only two minutes.
s11.q01 A sense of not being on my own, even when I am.
s11.q02 Short prayers in my own words, breathing, and a walk without headphones. The walk works
  best.
s11.q03 Before Lily wakes up at weekends, and on the bus to work in the week.
s11.q04 Rushing, and thinking it only counts if it's twenty minutes. Five minutes is fine.
s11.q05 If it's right, it usually doesn't need a long argument to justify it.
s11.q06 I used to ask for things to go my way. Now it's mostly for the next right thing and the
  strength to do it.
s11.q07 Steadier. Less likely to take the first bait of the day.
s11.q08 Sleeping on it, and telling Mike what I'm planning before I do it.
s11.q09 From a strict judge to something more like the kindness I felt around my gran.
s12.q01 I'm calmer, more honest, and on time. People can rely on me. I can rely on me.
s12.q02 That it gets better, slowly, and that they don't have to believe it yet to start.
s12.q03 Tell what happened to me and what helped, and let them take what fits.
s12.q04 Making the coffee, doing the welcome, sponsoring Jamie, taking calls.
s12.q05 I still go to my own meetings and ring Mike, whatever I'm doing for anyone else.
s12.q06 I let them go with my number in their pocket, and I don't take it personally.
s12.q07 At work, when I'm tired and someone is rude.
s12.q08 Saying sorry quickly at home, asking questions at work, not pretending with friends.
s12.q09 Saying thank you properly, and noticing the small good things before the bad ones.
s12.q10 Still sober, still in the Tuesday group, and Lily staying more than weekends.
tuesday-group/q1 Fear of being found out, at work and with Anna. It shows up in my stomach before
  it shows up in my head.
tuesday-group/q2 Wobbly, then relieved. Someone came up afterwards and said it was her story too.
tuesday-group/q3 Feeling sorry for myself. It's an old coat and it still feels warm.
"""
