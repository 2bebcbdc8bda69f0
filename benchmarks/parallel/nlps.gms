$title Scenario solves of a mid-size NLP: solveLink 0 against 6 and 3 (issue 22)
$onText
N scenarios of one smooth NLP with M columns (a chain of bounded steps, a nonlinear cost with
a scenario's target): each solve takes Ipopt some tenths of a second. Under solveLink 6 and 3
the solves run in worker processes (Ipopt runs on one thread at a time in a process).

Switches: --N scenarios (default 20), --M columns (default 3000), --link solveLink (default 0).
$offText
$if not set N    $set N    20
$if not set M    $set M    3000
$if not set link $set link 0
Set i / i1*i%M% /, sc / sc1*sc%N% /;
Parameter shift(sc), h(sc), zs(sc), s;
shift(sc) = ord(sc)/card(sc);
Variable x(i), z;
Equations obj, step(i);
obj.. z =e= sum(i, sqr(x(i) - s - ord(i)/1000) + exp(x(i)/10));
step(i)$(ord(i) > 1).. x(i) - x(i-1) =l= 0.01*ord(i);
Model chain / all /;
chain.solveLink = %link%;
chain.solPrint = 2;
loop(sc,
   s = shift(sc);
   x.l(i) = 0;
   solve chain using nlp minimizing z;
   h(sc) = chain.handle;
   if(chain.solveLink = 0, zs(sc) = z.l);
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
