$title Three market zones coupled by net transfer capacities (a table over the universe)
*  Zones de, fr, nl; the NTC table is declared over (*,*) and read by zone labels.
*  Verified with glpsol (same LP in MathProg): 5025; France exports to both neighbours up
*  to the NTCs (15 to de, 10 to nl); de runs flat out and passes 5 MW on to nl, so de and
*  nl share the price 50 while fr is at 25; a MW of fr->de capacity is worth 25.
*! solve 1 status 1 objective 5025
*! g.l(fr) = 75
*! g.l(nl) = 15
*! f.l(de,nl) = 5
*! f.l(fr,de) = 15
*! bal.m(de) = 50
*! bal.m(fr) = 25
*! f.m(fr,nl) = -25
*! spread(fr) = -25
Set z 'zones' / de, fr, nl /;
Alias (z,zz);
Table ntc(*,*) 'net transfer capacity MW'
          de    fr    nl
   de           15    20
   fr     15          10
   nl     20    10        ;
Table zone(z,*)
          dem   cap   mc
   de      70    60   40
   fr      50    90   25
   nl      30    40   50 ;
Parameter spread(z) 'price minus the highest zone price';
Positive Variables g(z), f(z,zz);
Variable cost;
Equations bal(z), defCost;
bal(z)..   g(z) + sum(zz, f(zz,z)) - sum(zz, f(z,zz)) =e= zone(z,'dem');
defCost..  cost =e= sum(z, zone(z,'mc')*g(z));
g.up(z) = zone(z,'cap');
f.up(z,zz) = ntc(z,zz);
Model coupling / all /;
solve coupling using lp minimizing cost;
spread(z) = bal.m(z) - smax(zz, bal.m(zz));
display g.l, f.l, f.m, bal.m, spread;
