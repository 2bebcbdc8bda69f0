$title Transport with a wide distance table split into '+' continuation blocks
*  Two depots, eight cities; the cost table is too wide for one block, so the second half
*  of the columns follows after a '+' line. Verified with glpsol (same LP in MathProg):
*  22060; Hamburg's 480 t are used up, Leipzig is split (Hamburg 50, Munich 20) and sets
*  Hamburg's scarcity value 44 - 39 = 5 (sup.m = -5); city prices (dem.m) as below.
*! solve 1 status 1 objective 22060
*! x.l(hamburg,leipzig) = 50
*! x.l(munich,leipzig) = 20
*! x.l(munich,stuttgart) = 110
*! x.l(hamburg,cologne) = 130
*! sup.m(hamburg) = -5
*! dem.m(cologne) = 47
*! dem.m(leipzig) = 44
*! dem.m(nuremberg) = 17
Sets i 'depots' / hamburg, munich /
     j 'cities' / kiel, bremen, berlin, dresden, leipzig, stuttgart, nuremberg, cologne /;
Parameters s(i) 'stock t' / hamburg 480, munich 400 /
           d(j) 'demand t' / kiel 60, bremen 90, berlin 150, dresden 80, leipzig 70
                             stuttgart 110, nuremberg 90, cologne 130 /;
Table c(i,j) 'EUR per t'
              kiel    bremen    berlin    dresden
   hamburg     10       12        29        48
   munich      88       75        58        46
+            leipzig  stuttgart  nuremberg  cologne
   hamburg     39       66         60         42
   munich      44       23         17         57 ;
Positive Variable x(i,j);
Variable z;
Equations sup(i), dem(j), obj;
sup(i).. sum(j, x(i,j)) =l= s(i);
dem(j).. sum(i, x(i,j)) =g= d(j);
obj..    z =e= sum((i,j), c(i,j)*x(i,j));
Model wide / all /;
solve wide using lp minimizing z;
display x.l, sup.m, dem.m;
