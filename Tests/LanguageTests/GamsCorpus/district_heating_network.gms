$title District heating: a chain of consumers fed from one plant (set-qualified leads)
*  Nodes n1..n5 along a pipe; heat enters at n1 and flows downstream. The pipe section
*  leaving node n (to n+1) exists only where sec(n) holds; a consumer node's intake is
*  sum(sec(n-1), q(n-1)) - the flow from the section before it. Losses 2% per section.
*  By hand: demands 0, 10, 20, 15, 25 MW. Flow into n5 must be 25, so q(n4) = 25/0.98 =
*  25.5102; q(n3) = (15 + 25.5102)/0.98 = 41.3369; q(n2) = (20 + 41.3369)/0.98 = 62.5887;
*  q(n1) = (10 + 62.5887)/0.98 = 74.0701 (computed exactly in Python); heat at 30 EUR/MWh:
*  2222.1036. nSec counts the nodes whose next node starts a section (sum(sec(n+1), 1)),
*  plus the first one.
*! solve 1 status 1 objective 2222.103590
*! q.l(n4) = 25.51020408
*! q.l(n1) = 74.07011968
*! loss = 4.07011968
*! nSec = 4
Set n 'nodes' / n1*n5 /
    sec(n) 'a pipe section leaves this node' / n1*n4 /;
Parameter dem(n) 'MW' / n2 10, n3 20, n4 15, n5 25 /;
Scalars eta 'share arriving' / 0.98 /, hc 'EUR/MWh' / 30 /, loss, nSec;
Positive Variables heat 'plant output', q(n) 'flow into the section leaving n';
Variable cost;
Equations node(n), defCost;
node(n)..  heat$(ord(n) = 1) + eta*sum(sec(n-1), q(n-1)) =e= dem(n) + q(n)$sec(n);
defCost..  cost =e= hc*heat;
q.fx(n)$(not sec(n)) = 0;
Model dh / all /;
solve dh using lp minimizing cost;
loss = heat.l - sum(n, dem(n));
nSec = sum(n$sum(sec(n+1), 1), 1) + 1;
display q.l, loss, nSec;
