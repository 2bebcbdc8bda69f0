$title Scenario solves of a mid-size LP: solveLink 0 against 6 (issue 22)
$onText
A five-node ring with storage over T steps: generation g(n,t) with a step cost, storage s(n,t)
carried from step to step, and flows f(n,t) from node n to the next around the ring. The
storage and the ring couple every row, so the LP is one block (enm does not split it) of
5T + 1 rows and 15T columns; T = 2000 gives 10,001 rows. Each scenario scales the demand
(--set=scale, the default: neighbouring scenarios differ little), or has a tariff and a
weather of its own (--set=differ: a random price level, a shifted price curve and a random
demand shape per scenario, as a sweep over tariffs and weather years; neighbours differ as
much as any two).

Switches: --N scenarios (default 200), --T steps (default 2000), --link solveLink (default 0),
--set scale|differ (default scale).
Plain GAMS: runs unchanged under "gams scenarios.gms --link=6".
$offText
$if not set N    $set N    200
$if not set T    $set T    2000
$if not set link $set link 0
$if not set set  $set set  scale

Sets n 'nodes' / n1*n5 /, t 'steps' / t1*t%T% /, sc 'scenarios' / sc1*sc%N% /;
Parameters cap(n) 'generation limit', stor(n) 'storage size', cost(n,t) 'generation cost',
           d(n,t) 'demand of the scenario', share(sc) 'demand scale',
           level(sc) 'tariff level', shift(sc) 'tariff curve shift', amp(sc) 'weather amplitude',
           phase(sc) 'weather phase';
cap(n) = 60 + 10*ord(n);
stor(n) = 200;
share(sc) = 0.8 + 0.4*(ord(sc) - 1)/max(1, card(sc) - 1);
level(sc) = 1; shift(sc) = 0; amp(sc) = 1; phase(sc) = 0;
$ifThen %set% == differ
share(sc) = uniform(0.8, 1.2);
level(sc) = uniform(0.7, 1.3);
shift(sc) = uniform(0, 24);
amp(sc) = uniform(0.5, 1.5);
phase(sc) = uniform(0, 6.28);
$endIf

Positive Variables g(n,t), s(n,t);
Variables f(n,t) 'flow from n to the next node', z;
g.up(n,t) = cap(n);
s.up(n,t) = stor(n);
f.lo(n,t) = -30;
f.up(n,t) = 30;
Equations balance(n,t), obj;
balance(n,t).. g(n,t) - s(n,t) + s(n,t-1) + f(n--1,t) - f(n,t) =e= d(n,t);
obj.. z =e= sum((n,t), cost(n,t)*g(n,t));
Model ring / all /;
ring.solveLink = %link%;
ring.solPrint = 2;

Parameter h(sc) 'handles', zs(sc) 'objective per scenario';
loop(sc,
   d(n,t) = share(sc)*(40 + amp(sc)*20*sin(ord(t)/24 + 2*ord(n) + phase(sc)) + mod(ord(t)*ord(n), 7));
   cost(n,t) = level(sc)*(10 + ord(n) + 5*sin((ord(t) + shift(sc))/12 + ord(n)));
   solve ring using lp minimizing z;
   h(sc) = ring.handle;
   if(ring.solveLink = 0, zs(sc) = z.l);
);
repeat
   loop(sc$handleCollect(h(sc)),
      zs(sc) = z.l;
      display$handleDelete(h(sc)) 'trouble deleting handles';
      h(sc) = 0);
   display$(card(h) and readyCollect(h, 600)) 'waiting for a solve failed';
until card(h) = 0;
Scalar total 'sum of the objectives';
total = sum(sc, zs(sc));
display total;
