$title Scenario solves of the DistFlow NLP: solveLink 0 against 6 and 3 (issue 22)
$onText
N scenarios of the DistFlow optimal power flow of benchmarks/distflow (the 33-bus feeder over
24 hours with batteries by default): scenario s scales every load by 0.8 + 0.4 s/N. Each solve
starts from the flat start (v = 1, everything else 0), so the loop at the statement and the
submitted solves do the same work; under solveLink 6 and 3 the solves run in worker processes
(Ipopt runs on one thread at a time in a process).

Switches: --N scenarios (default 50), --link solveLink (default 0), --distflow the folder of
distflow.gms, --data its data include (run.sh passes both: benchmarks/distflow/data-33.inc).
$offText
$if not set N        $set N        50
$if not set link     $set link     0
$if not set distflow $set distflow ../distflow
$if not set data     $set data     %distflow%/data-33.inc
$set nosolve 1
$include %distflow%/distflow.gms

Set sc 'scenarios' / sc1*sc%N% /;
Parameter pd0(n,t), qd0(n,t), h(sc), zs(sc);
pd0(n,t) = pd(n,t);
qd0(n,t) = qd(n,t);
distflow.solveLink = %link%;
distflow.solPrint = 2;
loop(sc,
   pd(n,t) = pd0(n,t)*(0.8 + 0.4*ord(sc)/card(sc));
   qd(n,t) = qd0(n,t)*(0.8 + 0.4*ord(sc)/card(sc));
   P.l(i,j,t) = 0; Q.l(i,j,t) = 0; ell.l(i,j,t) = 0; pg.l(t) = 0; qg.l(t) = 0;
   ch.l(b,t) = 0; dis.l(b,t) = 0; soc.l(b,t) = 0; v.l(n,t) = 1;
   solve distflow using nlp minimizing cost;
   h(sc) = distflow.handle;
   if(distflow.solveLink = 0, zs(sc) = cost.l);
);
repeat
   loop(sc$handleCollect(h(sc)),
      zs(sc) = cost.l;
      display$handleDelete(h(sc)) 'trouble deleting handles';
      h(sc) = 0);
   display$(card(h) and readyCollect(h, 600)) 'waiting for a solve failed';
until card(h) = 0;
Scalar total 'sum of the objectives';
total = sum(sc, zs(sc));
display total;
