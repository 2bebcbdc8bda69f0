$title Packing six parcels into vans of capacity 10 (bin packing MIP)
*  Sizes 6, 5, 4, 3, 1, 1 add up to 20, so two vans would need to be exactly full:
*  6+4 = 10 and 5+3+1+1 = 10 works. By hand the optimum is therefore 2 vans.
*! solve 1 status 1 objective 2
*! nVans = 2
*! fill(v1) = 10
*! fill(v2) = 10
*! fill(v3) = 0
Sets i 'parcels' / p1*p6 /
     v 'vans' / v1*v3 /;
Alias (v,vv);
Parameter size(i) / p1 6, p2 5, p3 4, p4 3, p5 1, p6 1 /, fill(v) 'load of a van';
Scalars cap / 10 /, nVans;
Binary Variables inVan(i,v), use(v);
Variable vans;
Equations once(i), room(v), order(v), defVans;
once(i)..  sum(v, inVan(i,v)) =e= 1;
room(v)..  sum(i, size(i)*inVan(i,v)) =l= cap*use(v);
* use the vans in order, so that the loads below are unique
order(v)$(ord(v) > 1).. use(v) =l= use(v-1);
defVans..  vans =e= sum(v, use(v));
Model pack / all /;
option optCr = 0;
solve pack using mip minimizing vans;
nVans = vans.l;
fill(v) = sum(i, size(i)*inVan.l(i,v));
display fill, nVans;
