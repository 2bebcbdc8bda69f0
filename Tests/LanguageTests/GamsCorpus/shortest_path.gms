$title Shortest path as a network LP, checked by a Bellman-Ford loop
*  The six-node road network of the textbook Dijkstra example (undirected, given once).
*  By hand: from n1 the distances are n2 7, n3 9, n6 11, n4 20, n5 20; the only shortest
*  route to n5 is n1-n3-n6-n5 = 9 + 2 + 9 = 20 (n1-n3-n4-n5 is 26). Scanning the arcs in
*  order, the labels settle in the first round; the second finds no change.
*! solve 1 status 1 objective 20
*! x.l(n1,n3) = 1
*! x.l(n3,n6) = 1
*! x.l(n6,n5) = 1
*! card x.l = 3
*! dist(n4) = 20
*! dist(n6) = 11
*! dist(n2) = 7
*! rounds = 2
Set n 'nodes' / n1*n6 /;
Alias (n,m);
Set arc(n,m) 'roads in both directions';

Parameter d(n,m) 'road length' /
   n1.n2  7,  n1.n3  9,  n1.n6 14
   n2.n3 10,  n2.n4 15,  n3.n4 11
   n3.n6  2,  n4.n5  6,  n5.n6  9 /;

* roads run both ways
d(n,m)$d(m,n) = d(m,n);
arc(n,m)$d(n,m) = yes;

Parameter b(n) 'net supply: one unit leaves n1 and arrives at n5' / n1 1, n5 -1 /;

Positive Variable x(n,m) 'use of a road';
Variable len 'route length';
Equations flow(n) 'conservation', total 'objective';
flow(n)..  sum(arc(n,m), x(n,m)) - sum(arc(m,n), x(m,n)) =e= b(n);
total..    len =e= sum(arc(n,m), d(n,m)*x(n,m));

Model route / flow, total /;
solve route using lp minimizing len;

* label-correcting check of the whole distance table
Parameter dist(n) 'distance from n1';
Scalar changed / 1 /, rounds / 0 /;
dist(n) = inf;
dist('n1') = 0;
while(changed,
   changed = 0;
   rounds = rounds + 1;
   loop(arc(n,m),
      if(dist(n) + d(n,m) < dist(m),
         dist(m) = dist(n) + d(n,m);
         changed = 1;
      );
   );
);
display x.l, dist, rounds;
