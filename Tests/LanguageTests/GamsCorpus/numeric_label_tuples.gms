$title Numeric labels in tuples (links between numbered nodes, year-indexed data lines)
*  Links 1.2, 2.3, 3.4 and 1.3 with data lines 'R1.T1.2.2030 0.8' style (four labels, the
*  last two numeric). A flow of 10 from node 1 to node 4 over links of cost 1, 1, 1 and 1.5:
*  by hand 1-3-4 costs 2.5 per unit (1-2-3-4 costs 3), but link 1.3 carries at most 6, so
*  6 * 2.5 + 4 * 3 = 27.
*! solve 1 status 1 objective 27
*! f.l(1,3) = 6
*! f.l(1,2) = 4
*! f.l(3,4) = 10
*! share(R1,T1,2,2030) = 0.8
*! share(R2,T1,3,2035) = 0.25
*! nLinks = 4
Sets n 'nodes' / 1*4 /
     link(n,n) 'links' / 1.2, 2.3, 3.4, 1.3 /
     r 'regions' / R1, R2 /
     tk 'technologies' / T1, T2 /
     y 'years' / 2030, 2035 /;
Alias (n,m);
Parameter share(r,tk,n,y) 'share of a technology in a region, by node and year' /
   R1.T1.2.2030  0.8
   R1.T2.2.2030  0.2
   R2.T1.3.2035  0.25 /;
Parameters lc(n,m) 'link cost' / 1.2 1, 2.3 1, 3.4 1, 1.3 1.5 /
           b(n) / 1 10, 4 -10 /;
Scalar nLinks;
nLinks = card(link);
Positive Variable f(n,m);
Variable z;
Equations bal(n), obj;
bal(n).. sum(link(n,m), f(n,m)) - sum(link(m,n), f(m,n)) =e= b(n);
obj..    z =e= sum(link(n,m), lc(n,m)*f(n,m));
f.up('1','3') = 6;
Model net / all /;
solve net using lp minimizing z;
display f.l, share, nLinks;
