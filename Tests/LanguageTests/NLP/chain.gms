$title Hanging chain
* A chain of N rigid links of length len hangs between two fixed points at the same
* height, span apart.  Each link has unit mass per unit length, so the potential energy
* is the sum over links of len times the height of its midpoint.  The nodes are a set and
* every link joins node i-1 to node i (a lag).
*
* Reference: the equilibrium of this discrete chain is known in closed form.  The energy
* of each link's midpoint acts as a point load len at every inner node, so the horizontal
* tension H is constant and the slope of link k is c*(k - (N+1)/2) with c = len/H; c
* solves sum_k len/sqrt(1 + c**2*(k - (N+1)/2)**2) = span.  The test computes that
* solution independently (bisection on c) and compares energy and node positions.

Set i  nodes / n0*n10 /;

Scalars
   span  horizontal distance between the end points / 1 /
   len   length of one link                          / 0.15 /
   nlink number of links ;
nlink = card(i) - 1;

Variables x(i), y(i), energy;

* Start from a sagging arc (a straight line at y = 0 would be too short and symmetric).
x.l(i) = span*(ord(i) - 1)/nlink;
y.l(i) = -0.4*sin(pi*(ord(i) - 1)/nlink);

x.fx(i)$(ord(i) = 1) = 0;
y.fx(i)$(ord(i) = 1) = 0;
x.fx(i)$(ord(i) = card(i)) = span;
y.fx(i)$(ord(i) = card(i)) = 0;

Equations defenergy, link(i);

defenergy..          energy =e= sum(i$(ord(i) > 1), len*(y(i-1) + y(i))/2);
link(i)$(ord(i) > 1).. sqr(x(i) - x(i-1)) + sqr(y(i) - y(i-1)) =e= sqr(len);

Model chain / all /;
Solve chain using nlp minimizing energy;

display energy.l, x.l, y.l;
