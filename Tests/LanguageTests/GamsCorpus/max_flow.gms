$title Maximum flow from s to t (arc capacities as variable bounds)
*  Verified with glpsol (the same model in MathProg): the maximum flow is 19. By hand, the cut
*  {s,c} | {a,b,d,t} has capacity s-a 10 + c-d 9 = 19, so every maximum flow saturates s-a and
*  c-d and sends nothing on a-c; the split of a's 10 units between a-b and a-d is not unique,
*  so only the flows that every optimum shares are checked.
*! solve 1 status 1 objective 19
*! inflow(t) = 19
*! inflow(a) = 10
*! outflow(s) = 19
*! outflow(c) = 9
Sets
   n 'nodes' / s, a, b, c, d, t /
   arc(n,n) 'pipes';
Alias (n,m);
Table cap(n,m) 'pipe capacity'
        a    b    c    d    t
   s   10        10
   a         4    2    8
   c                   9
   d         6              10
   b                        10 ;
arc(n,m) = cap(n,m) > 0;

Positive Variable f(n,m) 'flow';
Free Variable v 'flow from s to t';
Equations inner(n) 'conservation at inner nodes', source 'flow leaving s';
inner(n)$(not sameAs(n,'s') and not sameAs(n,'t'))..
   sum(arc(n,m), f(n,m)) =e= sum(arc(m,n), f(m,n));
source.. v =e= sum(arc('s',m), f('s',m));
f.up(arc(n,m)) = cap(n,m);

Model maxflow / inner, source /;
solve maxflow using lp maximizing v;

Parameters inflow(n) 'flow into a node', outflow(n) 'flow out of a node';
inflow(n)  = sum(arc(m,n), f.l(m,n));
outflow(n) = sum(arc(n,m), f.l(n,m));
display inflow, outflow;
