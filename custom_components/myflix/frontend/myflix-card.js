var W=globalThis,j=W.ShadowRoot&&(W.ShadyCSS===void 0||W.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,ge=Symbol(),He=new WeakMap,I=class{constructor(e,t,n){if(this._$cssResult$=!0,n!==ge)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(j&&e===void 0){let n=t!==void 0&&t.length===1;n&&(e=He.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),n&&He.set(t,e))}return e}toString(){return this.cssText}},H=r=>new I(typeof r=="string"?r:r+"",void 0,ge),_e=(r,...e)=>{let t=r.length===1?r[0]:e.reduce((n,i,o)=>n+(s=>{if(s._$cssResult$===!0)return s.cssText;if(typeof s=="number")return s;throw Error("Value passed to 'css' function must be a 'css' function result: "+s+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+r[o+1],r[0]);return new I(t,r,ge)},Oe=(r,e)=>{if(j)r.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let n=document.createElement("style"),i=W.litNonce;i!==void 0&&n.setAttribute("nonce",i),n.textContent=t.cssText,r.appendChild(n)}},ye=j?r=>r:r=>r instanceof CSSStyleSheet?(e=>{let t="";for(let n of e.cssRules)t+=n.cssText;return H(t)})(r):r;var{is:Zt,defineProperty:Qt,getOwnPropertyDescriptor:Wt,getOwnPropertyNames:jt,getOwnPropertySymbols:Kt,getPrototypeOf:Yt}=Object,K=globalThis,Ue=K.trustedTypes,Gt=Ue?Ue.emptyScript:"",Jt=K.reactiveElementPolyfillSupport,O=(r,e)=>r,ve={toAttribute(r,e){switch(e){case Boolean:r=r?Gt:null;break;case Object:case Array:r=r==null?r:JSON.stringify(r)}return r},fromAttribute(r,e){let t=r;switch(e){case Boolean:t=r!==null;break;case Number:t=r===null?null:Number(r);break;case Object:case Array:try{t=JSON.parse(r)}catch{t=null}}return t}},Fe=(r,e)=>!Zt(r,e),Ve={attribute:!0,type:String,converter:ve,reflect:!1,useDefault:!1,hasChanged:Fe};Symbol.metadata??=Symbol("metadata"),K.litPropertyMetadata??=new WeakMap;var $=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Ve){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let n=Symbol(),i=this.getPropertyDescriptor(e,n,t);i!==void 0&&Qt(this.prototype,e,i)}}static getPropertyDescriptor(e,t,n){let{get:i,set:o}=Wt(this.prototype,e)??{get(){return this[t]},set(s){this[t]=s}};return{get:i,set(s){let l=i?.call(this);o?.call(this,s),this.requestUpdate(e,l,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Ve}static _$Ei(){if(this.hasOwnProperty(O("elementProperties")))return;let e=Yt(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(O("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(O("properties"))){let t=this.properties,n=[...jt(t),...Kt(t)];for(let i of n)this.createProperty(i,t[i])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[n,i]of t)this.elementProperties.set(n,i)}this._$Eh=new Map;for(let[t,n]of this.elementProperties){let i=this._$Eu(t,n);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let n=new Set(e.flat(1/0).reverse());for(let i of n)t.unshift(ye(i))}else e!==void 0&&t.push(ye(e));return t}static _$Eu(e,t){let n=t.attribute;return n===!1?void 0:typeof n=="string"?n:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let n of t.keys())this.hasOwnProperty(n)&&(e.set(n,this[n]),delete this[n]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Oe(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,n){this._$AK(e,n)}_$ET(e,t){let n=this.constructor.elementProperties.get(e),i=this.constructor._$Eu(e,n);if(i!==void 0&&n.reflect===!0){let o=(n.converter?.toAttribute!==void 0?n.converter:ve).toAttribute(t,n.type);this._$Em=e,o==null?this.removeAttribute(i):this.setAttribute(i,o),this._$Em=null}}_$AK(e,t){let n=this.constructor,i=n._$Eh.get(e);if(i!==void 0&&this._$Em!==i){let o=n.getPropertyOptions(i),s=typeof o.converter=="function"?{fromAttribute:o.converter}:o.converter?.fromAttribute!==void 0?o.converter:ve;this._$Em=i;let l=s.fromAttribute(t,o.type);this[i]=l??this._$Ej?.get(i)??l,this._$Em=null}}requestUpdate(e,t,n,i=!1,o){if(e!==void 0){let s=this.constructor;if(i===!1&&(o=this[e]),n??=s.getPropertyOptions(e),!((n.hasChanged??Fe)(o,t)||n.useDefault&&n.reflect&&o===this._$Ej?.get(e)&&!this.hasAttribute(s._$Eu(e,n))))return;this.C(e,t,n)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:n,reflect:i,wrapped:o},s){n&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,s??t??this[e]),o!==!0||s!==void 0)||(this._$AL.has(e)||(this.hasUpdated||n||(t=void 0),this._$AL.set(e,t)),i===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,o]of this._$Ep)this[i]=o;this._$Ep=void 0}let n=this.constructor.elementProperties;if(n.size>0)for(let[i,o]of n){let{wrapped:s}=o,l=this[i];s!==!0||this._$AL.has(i)||l===void 0||this.C(i,void 0,o,l)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(n=>n.hostUpdate?.()),this.update(t)):this._$EM()}catch(n){throw e=!1,this._$EM(),n}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};$.elementStyles=[],$.shadowRootOptions={mode:"open"},$[O("elementProperties")]=new Map,$[O("finalized")]=new Map,Jt?.({ReactiveElement:$}),(K.reactiveElementVersions??=[]).push("2.1.2");var $e=globalThis,ze=r=>r,Y=$e.trustedTypes,Be=Y?Y.createPolicy("lit-html",{createHTML:r=>r}):void 0,we="$lit$",w=`lit$${Math.random().toFixed(9).slice(2)}$`,xe="?"+w,Xt=`<${xe}>`,R=document,V=()=>R.createComment(""),F=r=>r===null||typeof r!="object"&&typeof r!="function",Ae=Array.isArray,Ye=r=>Ae(r)||typeof r?.[Symbol.iterator]=="function",be=`[ 	
\f\r]`,U=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Ze=/-->/g,Qe=/>/g,k=RegExp(`>|${be}(?:([^\\s"'>=/]+)(${be}*=${be}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),We=/'/g,je=/"/g,Ge=/^(?:script|style|textarea|title)$/i,Se=r=>(e,...t)=>({_$litType$:r,strings:e,values:t}),u=Se(1),Ir=Se(2),Hr=Se(3),y=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Ke=new WeakMap,C=R.createTreeWalker(R,129);function Je(r,e){if(!Ae(r)||!r.hasOwnProperty("raw"))throw Error("invalid template strings array");return Be!==void 0?Be.createHTML(e):e}var Xe=(r,e)=>{let t=r.length-1,n=[],i,o=e===2?"<svg>":e===3?"<math>":"",s=U;for(let l=0;l<t;l++){let a=r[l],m,g,c=-1,f=0;for(;f<a.length&&(s.lastIndex=f,g=s.exec(a),g!==null);)f=s.lastIndex,s===U?g[1]==="!--"?s=Ze:g[1]!==void 0?s=Qe:g[2]!==void 0?(Ge.test(g[2])&&(i=RegExp("</"+g[2],"g")),s=k):g[3]!==void 0&&(s=k):s===k?g[0]===">"?(s=i??U,c=-1):g[1]===void 0?c=-2:(c=s.lastIndex-g[2].length,m=g[1],s=g[3]===void 0?k:g[3]==='"'?je:We):s===je||s===We?s=k:s===Ze||s===Qe?s=U:(s=k,i=void 0);let p=s===k&&r[l+1].startsWith("/>")?" ":"";o+=s===U?a+Xt:c>=0?(n.push(m),a.slice(0,c)+we+a.slice(c)+w+p):a+w+(c===-2?l:p)}return[Je(r,o+(r[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),n]},z=class r{constructor({strings:e,_$litType$:t},n){let i;this.parts=[];let o=0,s=0,l=e.length-1,a=this.parts,[m,g]=Xe(e,t);if(this.el=r.createElement(m,n),C.currentNode=this.el.content,t===2||t===3){let c=this.el.content.firstChild;c.replaceWith(...c.childNodes)}for(;(i=C.nextNode())!==null&&a.length<l;){if(i.nodeType===1){if(i.hasAttributes())for(let c of i.getAttributeNames())if(c.endsWith(we)){let f=g[s++],p=i.getAttribute(c).split(w),_=/([.?@])?(.*)/.exec(f);a.push({type:1,index:o,name:_[2],strings:p,ctor:_[1]==="."?J:_[1]==="?"?X:_[1]==="@"?ee:E}),i.removeAttribute(c)}else c.startsWith(w)&&(a.push({type:6,index:o}),i.removeAttribute(c));if(Ge.test(i.tagName)){let c=i.textContent.split(w),f=c.length-1;if(f>0){i.textContent=Y?Y.emptyScript:"";for(let p=0;p<f;p++)i.append(c[p],V()),C.nextNode(),a.push({type:2,index:++o});i.append(c[f],V())}}}else if(i.nodeType===8)if(i.data===xe)a.push({type:2,index:o});else{let c=-1;for(;(c=i.data.indexOf(w,c+1))!==-1;)a.push({type:7,index:o}),c+=w.length-1}o++}}static createElement(e,t){let n=R.createElement("template");return n.innerHTML=e,n}};function T(r,e,t=r,n){if(e===y)return e;let i=n!==void 0?t._$Co?.[n]:t._$Cl,o=F(e)?void 0:e._$litDirective$;return i?.constructor!==o&&(i?._$AO?.(!1),o===void 0?i=void 0:(i=new o(r),i._$AT(r,t,n)),n!==void 0?(t._$Co??=[])[n]=i:t._$Cl=i),i!==void 0&&(e=T(r,i._$AS(r,e.values),i,n)),e}var G=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:n}=this._$AD,i=(e?.creationScope??R).importNode(t,!0);C.currentNode=i;let o=C.nextNode(),s=0,l=0,a=n[0];for(;a!==void 0;){if(s===a.index){let m;a.type===2?m=new M(o,o.nextSibling,this,e):a.type===1?m=new a.ctor(o,a.name,a.strings,this,e):a.type===6&&(m=new te(o,this,e)),this._$AV.push(m),a=n[++l]}s!==a?.index&&(o=C.nextNode(),s++)}return C.currentNode=R,i}p(e){let t=0;for(let n of this._$AV)n!==void 0&&(n.strings!==void 0?(n._$AI(e,n,t),t+=n.strings.length-2):n._$AI(e[t])),t++}},M=class r{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,i){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=T(this,e,t),F(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==y&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Ye(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&F(this._$AH)?this._$AA.nextSibling.data=e:this.T(R.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:n}=e,i=typeof n=="number"?this._$AC(e):(n.el===void 0&&(n.el=z.createElement(Je(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===i)this._$AH.p(t);else{let o=new G(i,this),s=o.u(this.options);o.p(t),this.T(s),this._$AH=o}}_$AC(e){let t=Ke.get(e.strings);return t===void 0&&Ke.set(e.strings,t=new z(e)),t}k(e){Ae(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,n,i=0;for(let o of e)i===t.length?t.push(n=new r(this.O(V()),this.O(V()),this,this.options)):n=t[i],n._$AI(o),i++;i<t.length&&(this._$AR(n&&n._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let n=ze(e).nextSibling;ze(e).remove(),e=n}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},E=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,i,o){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=o,n.length>2||n[0]!==""||n[1]!==""?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=d}_$AI(e,t=this,n,i){let o=this.strings,s=!1;if(o===void 0)e=T(this,e,t,0),s=!F(e)||e!==this._$AH&&e!==y,s&&(this._$AH=e);else{let l=e,a,m;for(e=o[0],a=0;a<o.length-1;a++)m=T(this,l[n+a],t,a),m===y&&(m=this._$AH[a]),s||=!F(m)||m!==this._$AH[a],m===d?e=d:e!==d&&(e+=(m??"")+o[a+1]),this._$AH[a]=m}s&&!i&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},J=class extends E{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},X=class extends E{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},ee=class extends E{constructor(e,t,n,i,o){super(e,t,n,i,o),this.type=5}_$AI(e,t=this){if((e=T(this,e,t,0)??d)===y)return;let n=this._$AH,i=e===d&&n!==d||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,o=e!==d&&(n===d||i);i&&this.element.removeEventListener(this.name,this,n),o&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},te=class{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){T(this,e)}},et={M:we,P:w,A:xe,C:1,L:Xe,R:G,D:Ye,V:T,I:M,H:E,N:X,U:ee,B:J,F:te},er=$e.litHtmlPolyfillSupport;er?.(z,M),($e.litHtmlVersions??=[]).push("3.3.3");var re=(r,e,t)=>{let n=t?.renderBefore??e,i=n._$litPart$;if(i===void 0){let o=t?.renderBefore??null;n._$litPart$=i=new M(e.insertBefore(V(),o),o,void 0,t??{})}return i._$AI(r),i};var ke=globalThis,v=class extends ${constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=re(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return y}};v._$litElement$=!0,v.finalized=!0,ke.litElementHydrateSupport?.({LitElement:v});var tr=ke.litElementPolyfillSupport;tr?.({LitElement:v});(ke.litElementVersions??=[]).push("4.2.2");var ne={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},P=r=>(...e)=>({_$litDirective$:r,values:e}),x=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}};var rr={},B=P(class extends x{constructor(){super(...arguments),this.ot=rr}render(r,e){return e()}update(r,[e,t]){if(Array.isArray(e)){if(Array.isArray(this.ot)&&this.ot.length===e.length&&e.every((n,i)=>n===this.ot[i]))return y}else if(this.ot===e)return y;return this.ot=Array.isArray(e)?Array.from(e):e,this.render(e,t)}});var Ce={title:"",days:7,queue:!0,upcoming:!0,vpn:!0,storage:!0,max_rows:0},nr=["queue","upcoming","vpn","storage"];function rt(){return{days:7,queue:!0,upcoming:!0,vpn:!0,storage:!0}}var A=class extends Error{constructor(){super(...arguments);this.name="ConfigError"}};function tt(r,e,t){if(typeof r!="number"||!Number.isFinite(r))throw new A(`myflix-card: '${e}' must be ${t}, got ${JSON.stringify(r)}`);return r}function nt(r){if(r===null||typeof r!="object"||Array.isArray(r))throw new A("myflix-card: the config must be a mapping");let e=r,t={type:typeof e.type=="string"?e.type:"custom:myflix-card",entry_id:void 0,...Ce};if(e.title!=null){if(typeof e.title!="string")throw new A(`myflix-card: 'title' must be text, got ${JSON.stringify(e.title)}`);t.title=e.title}if(e.entry_id!=null&&e.entry_id!==""){if(typeof e.entry_id!="string")throw new A(`myflix-card: 'entry_id' must be a config entry id, got ${JSON.stringify(e.entry_id)}`);t.entry_id=e.entry_id}if(e.days!=null){let n=Math.round(tt(e.days,"days","a number from 1 to 30"));t.days=Math.min(30,Math.max(1,n))}for(let n of nr){let i=e[n];if(i!=null){if(typeof i!="boolean")throw new A(`myflix-card: '${n}' must be true or false, got ${JSON.stringify(i)}`);t[n]=i}}if(e.max_rows!=null){let n=tt(e.max_rows,"max_rows","a whole number, 0 for all rows");if(n<0)throw new A(`myflix-card: 'max_rows' must be 0 or more, got ${n}`);t.max_rows=Math.floor(n)}return t}function it(r){let e={type:"myflix/media/subscribe",days:r.days};return r.entry_id&&(e.entry_id=r.entry_id),e}var ie=class{constructor(e=40,t=80){this.first=e;this.step=t;this._limit=40;this._limit=e}get limit(){return this._limit}reset(){this._limit=this.first}needsMore(e){return this._limit>=e?(this._limit=Number.POSITIVE_INFINITY,!1):!0}grow(){this._limit+=this.step}};var ir={queue:"Queue",upcoming:"Coming up",vpn:"VPN",storage:"Storage",loading:"Loading…",subscribe_failed:"Myflix is unavailable: {message}",call_failed:"Failed: {message}",nothing_downloading:"Nothing downloading",nothing_upcoming:"Nothing in the next {days} days",nothing_upcoming_one:"Nothing in the next day",more_rows:"+ {count} more",pause:"Pause",resume:"Resume",remove:"Remove",cancel:"Cancel",confirm_remove:"Remove {title} and its files?",left:"{time} left",today:"Today",tomorrow:"Tomorrow",in_library:"In library",downloaded:"Downloaded",killswitch:"Killswitch",exit_country:"Exit country",connectable:"Connectable",yes:"Yes",no:"No",unknown:"Unknown",last_halt:"Last halt",never:"Never",latency:"{ms} ms",no_vpn:"No VPN data",hot_disk:"Hot disk",archive_disk:"Archive disk",disk_usage:"{used} of {total} ({percent})",disk_free:"{free} free",next_move:"Next move:",next_move_size:"{files} files, {bytes}",next_move_size_one:"1 file, {bytes}",next_move_at:"at {when}",next_move_when_full:"when the hot disk fills",nothing_to_move:"Nothing to move",no_storage:"No storage data",state_downloading:"Downloading",state_stalled:"Stalled",state_metadata:"Fetching metadata",state_queued:"Queued",state_checking:"Checking",state_stopped:"Stopped",state_halted:"Halted by the killswitch",state_struck:"Struck by self-healing ({strikes} of {limit})",state_struck_unlimited:"Struck by self-healing ({strikes})",state_error:"Error",state_missing_files:"Files missing",state_moving:"Moving",state_importing:"Importing",state_seeding:"Seeding",state_unknown:"Unknown",release_cinema:"In cinemas",release_digital:"Digital",release_physical:"Physical",killswitch_armed:"Armed",killswitch_tripped:"Tripped: downloads halted",killswitch_fail_closed:"Failed closed: downloads halted",killswitch_disarmed:"Disarmed",connectability_connectable:"Port forwarded and open",connectability_not_listening:"qBittorrent is not listening on the port",connectability_provider_unknown:"VPN provider unknown",connectability_provider_cannot_forward:"The VPN provider cannot forward a port",connectability_forwarding_off:"Port forwarding is off",connectability_no_forwarded_port:"No port forwarded yet",connectability_port_not_applied:"Forwarded port not applied to qBittorrent",connectability_firewalled:"Firewalled",editor_title:"Title",editor_entry_id:"Myflix entry",editor_days:"Days ahead (1 to 30)",editor_queue:"Show the queue",editor_upcoming:"Show what's coming up",editor_vpn:"Show the VPN",editor_storage:"Show the storage",editor_max_rows:"Queue rows at most (0: all)",card_description:"Downloads, releases to come, the VPN and storage of Myflix, live."},or={queue:"File d'attente",upcoming:"À venir",vpn:"VPN",storage:"Stockage",loading:"Chargement…",subscribe_failed:"Myflix est indisponible : {message}",call_failed:"Échec : {message}",nothing_downloading:"Aucun téléchargement",nothing_upcoming:"Rien dans les {days} prochains jours",nothing_upcoming_one:"Rien d'ici demain",more_rows:"+ {count} de plus",pause:"Pause",resume:"Reprendre",remove:"Supprimer",cancel:"Annuler",confirm_remove:"Supprimer {title} et ses fichiers ?",left:"encore {time}",today:"Aujourd'hui",tomorrow:"Demain",in_library:"Dans la bibliothèque",downloaded:"Téléchargé",killswitch:"Coupe-circuit",exit_country:"Pays de sortie",connectable:"Joignable",yes:"Oui",no:"Non",unknown:"Inconnu",last_halt:"Dernier arrêt",never:"Jamais",latency:"{ms} ms",no_vpn:"Aucune donnée VPN",hot_disk:"Disque rapide",archive_disk:"Disque d'archive",disk_usage:"{used} sur {total} ({percent})",disk_free:"{free} libres",next_move:"Prochain déplacement :",next_move_size:"{files} fichiers, {bytes}",next_move_size_one:"1 fichier, {bytes}",next_move_at:"le {when}",next_move_when_full:"quand le disque rapide sera plein",nothing_to_move:"Rien à déplacer",no_storage:"Aucune donnée de stockage",state_downloading:"Téléchargement",state_stalled:"Bloqué",state_metadata:"Récupération des métadonnées",state_queued:"En attente",state_checking:"Vérification",state_stopped:"Arrêté",state_halted:"Arrêté par le coupe-circuit",state_struck:"Sanctionné par l'autoréparation ({strikes} sur {limit})",state_struck_unlimited:"Sanctionné par l'autoréparation ({strikes})",state_error:"Erreur",state_missing_files:"Fichiers manquants",state_moving:"Déplacement",state_importing:"Importation",state_seeding:"Partage",state_unknown:"Inconnu",release_cinema:"Au cinéma",release_digital:"Numérique",release_physical:"Physique",killswitch_armed:"Armé",killswitch_tripped:"Déclenché : téléchargements arrêtés",killswitch_fail_closed:"Fermé par sécurité : téléchargements arrêtés",killswitch_disarmed:"Désarmé",connectability_connectable:"Port redirigé et ouvert",connectability_not_listening:"qBittorrent n'écoute pas sur le port",connectability_provider_unknown:"Fournisseur VPN inconnu",connectability_provider_cannot_forward:"Le fournisseur VPN ne peut pas rediriger de port",connectability_forwarding_off:"La redirection de port est désactivée",connectability_no_forwarded_port:"Aucun port redirigé pour l'instant",connectability_port_not_applied:"Port redirigé non appliqué à qBittorrent",connectability_firewalled:"Derrière un pare-feu",editor_title:"Titre",editor_entry_id:"Entrée Myflix",editor_days:"Jours à venir (1 à 30)",editor_queue:"Afficher la file d'attente",editor_upcoming:"Afficher ce qui arrive",editor_vpn:"Afficher le VPN",editor_storage:"Afficher le stockage",editor_max_rows:"Lignes de la file au plus (0 : toutes)",card_description:"Téléchargements, sorties à venir, VPN et stockage de Myflix, en direct."},oe={en:ir,fr:or};function L(r){return typeof r=="string"&&r.toLowerCase().startsWith("fr")?"fr":"en"}var ot=new Map;function h(r){let e=ot.get(r);if(!e){let t=oe[r];e=(n,i)=>t[n].replace(/\{(\w+)\}/g,(o,s)=>i&&s in i?String(i[s]):o),ot.set(r,e)}return e}function se(r,e,t,n){let i=`${t}_${n}`;return i in oe[e]?r(i):n}function st(r,e){let t=h(e);return r.state==="struck"?r.strike_limit==null?t("state_struck_unlimited",{strikes:r.strikes}):t("state_struck",{strikes:r.strikes,limit:r.strike_limit}):se(t,e,"state",r.state)}function at(r,e){return r?se(h(e),e,"release",r):""}function lt(r,e){return r?se(h(e),e,"killswitch",r):h(e)("unknown")}function Re(r,e){return r?se(h(e),e,"connectability",r):h(e)("unknown")}var ct=new Map;function dt(r){let e=ct.get(r);return e||(e=new Intl.DateTimeFormat("en-US",{timeZone:r,year:"numeric",month:"2-digit",day:"2-digit",hour:"2-digit",minute:"2-digit",hourCycle:"h23"}),ct.set(r,e)),e}function sr(r){if(typeof r!="string"||r==="")return!1;try{return dt(r),!0}catch{return!1}}function Te(){return Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC"}function ut(r,e){return r==="server"&&sr(e)?e:Te()}function pt(r,e){let t={};for(let n of dt(e).formatToParts(new Date(r)))t[n.type]=n.value;return`${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}`}function Ee(r,e){return pt(r,e).slice(0,10)}function ht(r,e){let[t,n,i]=r.split("-").map(Number);return new Date(Date.UTC(t,n-1,i+e)).toISOString().slice(0,10)}function ar(r,e){return r.at?Ee(r.at,e):r.date}function mt(r,e){return r.at?pt(r.at,e):`${r.date}T00:00`}function ft(r,e){let t=[];for(let n of r){let i=ar(n,e),o=t[t.length-1];o&&o.day===i?o.releases.push(n):t.push({day:i,releases:[n]})}return t}function lr(r){if(r)try{if(Intl.DateTimeFormat.supportedLocalesOf([r]).length)return r}catch{}return"en"}function cr(r){if(r==="12")return!0;if(r==="24")return!1;if(r==="system")return new Intl.DateTimeFormat(void 0,{hour:"numeric"}).resolvedOptions().hour12}function gt(r){let e=r.locale?.language??r.language;return{lang:L(e),tag:lr(e),hour12:cr(r.locale?.time_format),timeZone:ut(r.locale?.time_zone,r.config?.time_zone)}}function _t(r,e){return r!==void 0&&r.lang===e.lang&&r.tag===e.tag&&r.hour12===e.hour12&&r.timeZone===e.timeZone}function ae(r){return r&&typeof r=="object"&&"message"in r?String(r.message):String(r)}function yt(r){return r instanceof HTMLImageElement&&r.classList.contains("poster")}function vt(r){r.addEventListener("error",e=>{yt(e.target)&&(e.target.hidden=!0)},!0),r.addEventListener("load",e=>{yt(e.target)&&(e.target.hidden=!1)},!0)}var{I:dr}=et,bt=r=>r;var $t=()=>document.createComment(""),q=(r,e,t)=>{let n=r._$AA.parentNode,i=e===void 0?r._$AB:e._$AA;if(t===void 0){let o=n.insertBefore($t(),i),s=n.insertBefore($t(),i);t=new dr(o,s,r,r.options)}else{let o=t._$AB.nextSibling,s=t._$AM,l=s!==r;if(l){let a;t._$AQ?.(r),t._$AM=r,t._$AP!==void 0&&(a=r._$AU)!==s._$AU&&t._$AP(a)}if(o!==i||l){let a=t._$AA;for(;a!==o;){let m=bt(a).nextSibling;bt(n).insertBefore(a,i),a=m}}}return t},S=(r,e,t=r)=>(r._$AI(e,t),r),ur={},wt=(r,e=ur)=>r._$AH=e,xt=r=>r._$AH,le=r=>{r._$AR(),r._$AA.remove()};var At=(r,e,t)=>{let n=new Map;for(let i=e;i<=t;i++)n.set(r[i],i);return n},St=P(class extends x{constructor(r){if(super(r),r.type!==ne.CHILD)throw Error("repeat() can only be used in text expressions")}dt(r,e,t){let n;t===void 0?t=e:e!==void 0&&(n=e);let i=[],o=[],s=0;for(let l of r)i[s]=n?n(l,s):s,o[s]=t(l,s),s++;return{values:o,keys:i}}render(r,e,t){return this.dt(r,e,t).values}update(r,[e,t,n]){let i=xt(r),{values:o,keys:s}=this.dt(e,t,n);if(!Array.isArray(i))return this.ut=s,o;let l=this.ut??=[],a=[],m,g,c=0,f=i.length-1,p=0,_=o.length-1;for(;c<=f&&p<=_;)if(i[c]===null)c++;else if(i[f]===null)f--;else if(l[c]===s[p])a[p]=S(i[c],o[p]),c++,p++;else if(l[f]===s[_])a[_]=S(i[f],o[_]),f--,_--;else if(l[c]===s[_])a[_]=S(i[c],o[_]),q(r,a[_+1],i[c]),c++,_--;else if(l[f]===s[p])a[p]=S(i[f],o[p]),q(r,i[c],i[f]),f--,p++;else if(m===void 0&&(m=At(s,p,_),g=At(l,c,f)),m.has(l[c]))if(m.has(l[f])){let b=g.get(s[p]),fe=b!==void 0?i[b]:null;if(fe===null){let Ie=q(r,i[c]);S(Ie,o[p]),a[p]=Ie}else a[p]=S(fe,o[p]),q(r,i[c],fe),i[b]=null;p++}else le(i[f]),f--;else le(i[c]),c++;for(;p<=_;){let b=q(r,a[_+1]);S(b,o[p]),a[p++]=b}for(;c<=f;){let b=i[c++];b!==null&&le(b)}return this.ut=s,wt(r,a),y}});var Me=72;function Pe(r,e){return e>0&&r.length>e?r.slice(0,e):r}function kt(r){let e=h(r.locale.lang),t=Pe(r.order,r.maxRows),n=r.order.length-t.length,i=t.length>r.drawLimit?t.slice(0,r.drawLimit):t,o=t.length-i.length;return u`<section data-section="queue">
    <h2>${e("queue")}${r.order.length?u` <span class="count">${r.order.length}</span>`:d}</h2>
    ${r.order.length===0?u`<div class="empty">${e("nothing_downloading")}</div>`:u`<div class="rows">
          ${St(i,s=>s,s=>u`<myflix-queue-row
              .locale=${r.locale}
              .actions=${r.actions}
              .canRemove=${r.canRemove}
              .row=${r.rows.get(s)}
            ></myflix-queue-row>`)}
          ${o?u`<div class="pending" style=${`height: ${o*Me}px`}></div>`:d}
        </div>`}
    ${n>0?u`<div class="more">${e("more_rows",{count:n})}</div>`:d}
  </section>`}var Ct="important",pr=" !"+Ct,ce=P(class extends x{constructor(r){if(super(r),r.type!==ne.ATTRIBUTE||r.name!=="style"||r.strings?.length>2)throw Error("The `styleMap` directive must be used in the `style` attribute and must be the only part in the attribute.")}render(r){return Object.keys(r).reduce((e,t)=>{let n=r[t];return n==null?e:e+`${t=t.includes("-")?t:t.replace(/(?:^(webkit|moz|ms|o)|)(?=[A-Z])/g,"-$&").toLowerCase()}:${n};`},"")}update(r,[e]){let{style:t}=r.element;if(this.ft===void 0)return this.ft=new Set(Object.keys(e)),this.render(e);for(let n of this.ft)e[n]==null&&(this.ft.delete(n),n.includes("-")?t.removeProperty(n):t[n]=null);for(let n in e){let i=e[n];if(i!=null){this.ft.add(n);let o=typeof i=="string"&&i.endsWith(pr);n.includes("-")||o?t.setProperty(n,o?i.slice(0,-11):i,o?Ct:""):t[n]=i}}return y}});var hr=864e4,mr={en:["B","kB","MB","GB","TB","PB"],fr:["o","ko","Mo","Go","To","Po"]},fr={en:{d:"d",h:"h",min:"min",s:"s"},fr:{d:"j",h:"h",min:"min",s:"s"}},Rt=new Map;function de(r,e){let t=Rt.get(r);return t||(t=e(),Rt.set(r,t)),t}function gr(r,e){return de(`n|${r}|${e}`,()=>new Intl.NumberFormat(r,{maximumFractionDigits:e}))}function Le(r,e){return de(`d|${r}|${JSON.stringify(e)}`,()=>new Intl.DateTimeFormat(r,e))}function N(r,e){let t=mr[e.lang],n=Math.max(0,Number.isFinite(r)?r:0),i=0;for(;n>=999.5&&i<t.length-1;)n/=1e3,i+=1;let o=i>0&&n<9.95?1:0;return`${gr(e.tag,o).format(n)} ${t[i]}`}function Et(r,e){return`${N(r,e)}/s`}function Mt(r,e){if(r==null||!Number.isFinite(r)||r>=hr)return"∞";let t=fr[e],n=Math.max(0,Math.round(r)),i=Math.floor(n/86400),o=Math.floor(n%86400/3600),s=Math.floor(n%3600/60);return i>0?o?`${i} ${t.d} ${o} ${t.h}`:`${i} ${t.d}`:o>0?s?`${o} ${t.h} ${s} ${t.min}`:`${o} ${t.h}`:s>0?`${s} ${t.min}`:`${n} ${t.s}`}var Tt=new Map;function _r(r){let e=Tt.get(r);if(e===void 0){let t=new Intl.NumberFormat(r,{style:"percent",maximumFractionDigits:1}).formatToParts(.125),n=t.findIndex(s=>s.type==="integer"),i=t.findIndex(s=>s.type==="fraction"),o=(s,l)=>t.slice(s,l).map(a=>a.value).join("");e=t[n]?.value==="12"&&t[i]?.value==="5"&&i===n+2?{prefix:o(0,n),decimal:t[n+1].value,suffix:o(i+1,t.length)}:null,Tt.set(r,e)}return e}function ue(r,e){let t=Number.isFinite(r)?r:0,n=_r(e);if(!n||t<0||t>=1e3)return de(`p|${e}`,()=>new Intl.NumberFormat(e,{style:"percent",maximumFractionDigits:1})).format(t/100);let i=Math.round(t*10),o=Math.floor(i/10),s=i%10?`${o}${n.decimal}${i%10}`:String(o);return n.prefix+s+n.suffix}function Pt(r,e){return Le(e.tag,{hour:"numeric",minute:"2-digit",hour12:e.hour12,timeZone:e.timeZone}).format(new Date(r))}function pe(r,e){return Le(e.tag,{weekday:"short",month:"short",day:"numeric",hour:"numeric",minute:"2-digit",hour12:e.hour12,timeZone:e.timeZone}).format(new Date(r))}function yr(r,e){let[t,n,i]=r.split("-").map(Number),o=Le(e,{weekday:"long",month:"short",day:"numeric",timeZone:"UTC"}).format(Date.UTC(t,n-1,i));return o.charAt(0).toUpperCase()+o.slice(1)}function Lt(r,e,t){let n=h(t.lang);return r===e?n("today"):r===ht(e,1)?n("tomorrow"):yr(r,t.tag)}function qt(r,e,t){let n=Math.round((Date.parse(r)-e)/1e3),i=de(`r|${t}`,()=>new Intl.RelativeTimeFormat(t,{numeric:"auto"})),o=[["day",86400],["hour",3600],["minute",60]];for(let[s,l]of o)if(Math.abs(n)>=l)return i.format(Math.round(n/l),s);return i.format(n,"second")}var vr=3;function Nt(r,e,t){let n=h(t.lang),i=e.total>0?Math.min(100,e.used/e.total*100):0,o=i>=95?"critical":i>=85?"high":"ok";return u`<div class="disk" data-disk=${r==="hot_disk"?"hot":"archive"}>
    <div class="line">
      <span class="label">${n(r)}</span>
      <span class="free">${n("disk_free",{free:N(e.free,t)})}</span>
    </div>
    <div class="track"><div class="bar ${o}" style=${ce({width:`${i}%`})}></div></div>
    <div class="meta">
      ${n("disk_usage",{used:N(e.used,t),total:N(e.total,t),percent:ue(i,t.tag)})}
    </div>
  </div>`}function br(r,e){let t=h(e.lang);if(!r||r.files===0)return u`<div class="next-move"><span class="label">${t("next_move")}</span> ${t("nothing_to_move")}</div>`;let n=N(r.bytes,e),i=r.files===1?t("next_move_size_one",{bytes:n}):t("next_move_size",{files:r.files,bytes:n}),o=r.at?t("next_move_at",{when:pe(r.at,e)}):t("next_move_when_full"),s=r.titles.slice(0,vr),l=r.titles.length-s.length;return u`<div class="next-move">
    <div><span class="label">${t("next_move")}</span> ${i}, ${o}</div>
    ${s.length?u`<div class="meta titles">
          ${s.join(", ")}${l>0?` ${t("more_rows",{count:l})}`:""}
        </div>`:d}
  </div>`}function Dt(r){let{storage:e,locale:t}=r,n=h(t.lang),i=!e||!e.hot&&!e.archive&&!e.next_move;return u`<section data-section="storage">
    <h2>${n("storage")}</h2>
    ${i?u`<div class="empty">${n("no_storage")}</div>`:u`
          ${e.hot?Nt("hot_disk",e.hot,t):d}
          ${e.archive?Nt("archive_disk",e.archive,t):d}
          ${br(e.next_move,t)}
        `}
  </section>`}function $r(r,e){let t=h(e.lang),n=r.at?Pt(r.at,e):at(r.release,e.lang),i=r.source==="sonarr"?t("downloaded"):t("in_library");return u`<div class="release" data-release=${r.id}>
    <div class="poster-box">
      <img class="poster" alt="" loading="lazy" decoding="async" src=${r.poster??d} ?hidden=${!r.poster} />
    </div>
    <div class="main">
      <div class="title" .textContent=${r.title}></div>
      <div class="detail" .textContent=${r.detail}></div>
    </div>
    <div class="when">
      <span .textContent=${n}></span>
      <span class="badge" .textContent=${r.has_file?i:""}></span>
    </div>
  </div>`}function It(r){let e=h(r.locale.lang),t=ft(r.releases,r.locale.timeZone);return u`<section data-section="upcoming">
    <h2>${e("upcoming")}</h2>
    ${t.length===0?u`<div class="empty">
          ${r.days===1?e("nothing_upcoming_one"):e("nothing_upcoming",{days:r.days})}
        </div>`:t.map(n=>u`<div class="day">
            <h3>${Lt(n.day,r.today,r.locale)}</h3>
            ${n.releases.map(i=>$r(i,r.locale))}
          </div>`)}
  </section>`}function wr(r,e){if(/^[A-Za-z]{2}$/.test(r))try{return new Intl.DisplayNames(e,{type:"region"}).of(r.toUpperCase())??r}catch{return r}return r}function xr(r,e){let t=h(e.lang);if(r.connectable==null)return r.connectability?Re(r.connectability,e.lang):t("unknown");let n=r.connectable?t("yes"):t("no");return r.connectability?`${n} — ${Re(r.connectability,e.lang)}`:n}function Ht(r){let{vpn:e,locale:t}=r,n=h(t.lang);if(!e)return u`<section data-section="vpn">
      <h2>${n("vpn")}</h2>
      <div class="empty">${n("no_vpn")}</div>
    </section>`;let i=e.last_halt;return u`<section data-section="vpn">
    <h2>${n("vpn")}</h2>
    <dl class="facts">
      <dt>${n("killswitch")}</dt>
      <dd data-killswitch=${e.killswitch??"unknown"}>${lt(e.killswitch,t.lang)}</dd>
      <dt>${n("exit_country")}</dt>
      <dd>${e.exit_country?wr(e.exit_country,t.tag):n("unknown")}</dd>
      <dt>${n("connectable")}</dt>
      <dd data-connectable=${e.connectable==null?"unknown":String(e.connectable)}>
        ${xr(e,t)}
      </dd>
      <dt>${n("last_halt")}</dt>
      <dd>
        ${i?u`<span title=${pe(i.at,t)}>${qt(i.at,r.now,t.tag)}</span>${i.latency_ms!=null?u` · ${n("latency",{ms:Math.round(i.latency_ms)})}`:d}`:n("never")}
      </dd>
    </dl>
  </section>`}var Ar=new Intl.Collator(void 0,{numeric:!0,sensitivity:"base"});function Ut(r,e){return Ar.compare(r.title,e.title)||(r.id<e.id?-1:r.id>e.id?1:0)}function Sr(r){if(r==null)return null;let e=Date.parse(r);return Number.isNaN(e)?null:e}function Ot(r){let e=Array.from(r,t=>({row:t,added:Sr(t.added_on)}));return e.sort((t,n)=>t.added!==n.added?t.added==null?1:n.added==null?-1:n.added-t.added:Ut(t.row,n.row)),e.map(t=>t.row)}function qe(r,e){let t=Array.from(r,n=>({release:n,key:mt(n,e)}));return t.sort((n,i)=>n.key<i.key?-1:n.key>i.key?1:Ut(n.release,i.release)),t.map(n=>n.release)}function kr(r,e){return r.added_on!==e.added_on||r.title!==e.title}var Z=class{constructor(e){this.timeZone=e;this.loaded=!1;this.entryId=null;this.admin=!1;this.queue=new Map;this.queueOrder=[];this.releases=new Map;this.upcoming=[];this.vpn=null;this.storage=null}setTimeZone(e){return e===this.timeZone?!1:(this.timeZone=e,this.upcoming=qe(this.releases.values(),e),!0)}apply(e){return e.full?this.replace(e):this.merge(e)}replace(e){this.loaded=!0,this.entryId=e.entry_id,this.admin=e.admin===!0,this.queue.clear();for(let t of e.queue??[])this.queue.set(t.id,t);this.queueOrder=Ot(this.queue.values()).map(t=>t.id),this.releases.clear();for(let t of e.upcoming??[])this.releases.set(t.id,t);return this.upcoming=qe(this.releases.values(),this.timeZone),this.vpn=e.vpn??null,this.storage=e.storage??null,{full:!0,queueOrder:!0,queueRows:[],upcoming:!0,vpn:!0,storage:!0}}merge(e){let t={full:!1,queueOrder:!1,queueRows:[],upcoming:!1,vpn:!1,storage:!1};return e.queue&&this.mergeQueue(e.queue,t),e.upcoming&&(Cr(this.releases,e.upcoming),this.upcoming=qe(this.releases.values(),this.timeZone),t.upcoming=!0),"vpn"in e&&(this.vpn=e.vpn??null,t.vpn=!0),"storage"in e&&(this.storage=e.storage??null,t.storage=!0),t}mergeQueue(e,t){let n=!1,i=[];for(let o of e.removed??[])this.queue.delete(o)&&(n=!0);for(let o of e.changed??[]){let s=this.queue.get(o.id);this.queue.set(o.id,o),!s||kr(s,o)?n=!0:i.push(o.id)}n?(this.queueOrder=Ot(this.queue.values()).map(o=>o.id),t.queueOrder=!0):t.queueRows=i}};function Cr(r,e){for(let t of e.removed??[])r.delete(t);for(let t of e.changed??[])r.set(t.id,t)}var Vt="M14,19H18V5H14M6,19H10V5H6V19Z",Ft="M8,5.14V19.14L19,12.14L8,5.14Z",Ne="M18,4L20,8H17L15,4H13L15,8H12L10,4H8L10,8H7L5,4H4A2,2 0 0,0 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V4H18Z";function De(r){let e=`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${r}"/></svg>`;return`url("data:image/svg+xml,${encodeURIComponent(e)}")`}var zt=_e`
  :host {
    display: block;
    /* Narrow layouts follow the card's width, not the window's. */
    container-type: inline-size;
  }
  ha-card {
    overflow: hidden;
    background: var(--ha-card-background, var(--card-background-color, #fff));
    color: var(--primary-text-color);
  }
  .card-error {
    padding: 12px 16px;
    color: var(--error-color, #db4437);
  }
  .loading,
  .empty,
  .more {
    padding: 4px 0 8px;
    color: var(--secondary-text-color);
  }
  section {
    padding: 8px 16px 12px;
  }
  section + section {
    border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
  }
  /* Below a long queue, off screen: laid out and painted when scrolled to. */
  section[data-section="upcoming"],
  section[data-section="vpn"],
  section[data-section="storage"] {
    content-visibility: auto;
    contain-intrinsic-size: auto 240px;
  }
  h2 {
    margin: 4px 0 8px;
    font-size: 1rem;
    font-weight: 500;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h3 {
    margin: 8px 0 4px;
    font-size: 0.85rem;
    font-weight: 500;
    color: var(--secondary-text-color);
  }
  .count,
  .badge {
    font-size: 0.75rem;
    line-height: 1.4;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
    color: var(--secondary-text-color);
    font-weight: 400;
    white-space: nowrap;
  }
  .badge {
    background: var(--success-color, #43a047);
    color: var(--text-primary-color, #fff);
  }

  /* A poster over its placeholder icon (a mask: no node per poster). */
  .poster-box {
    position: relative;
    flex: none;
    width: 40px;
    height: 60px;
    border-radius: 4px;
    overflow: hidden;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
  }
  .poster-box::before {
    content: "";
    position: absolute;
    inset: 0;
    background: var(--disabled-text-color, rgba(0, 0, 0, 0.38));
    -webkit-mask: ${H(De(Ne))} center / 22px no-repeat;
    mask: ${H(De(Ne))} center / 22px no-repeat;
  }
  img.poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  [hidden],
  .detail:empty,
  .badge:empty,
  .error:empty {
    display: none !important;
  }

  /* Queue rows: compact, and skipped by layout and paint while off screen. */
  myflix-queue-row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto ${Me}px;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .title {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .percent,
  .free {
    flex: none;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .track {
    height: 4px;
    margin: 4px 0;
    border-radius: 2px;
    background: var(--divider-color, rgba(0, 0, 0, 0.12));
    overflow: hidden;
  }
  .bar {
    height: 100%;
    background: var(--primary-color, #03a9f4);
  }
  myflix-queue-row[data-state="stalled"] .bar,
  myflix-queue-row[data-state="stopped"] .bar,
  myflix-queue-row[data-state="halted"] .bar,
  .bar.high {
    background: var(--warning-color, #ffa600);
  }
  myflix-queue-row[data-state="struck"] .bar,
  myflix-queue-row[data-state="error"] .bar,
  myflix-queue-row[data-state="missing_files"] .bar,
  .bar.critical {
    background: var(--error-color, #db4437);
  }
  myflix-queue-row[data-state="seeding"] .bar {
    background: var(--success-color, #43a047);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    column-gap: 12px;
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .meta .state {
    color: var(--primary-text-color);
  }
  .error {
    font-size: 0.8rem;
    color: var(--error-color, #db4437);
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    font-size: 0.85rem;
  }
  .confirm span {
    flex: 1 1 100%;
  }
  .actions {
    flex: none;
    display: flex;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: none;
    cursor: pointer;
    border-radius: 50%;
  }
  button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  button.icon {
    width: 36px;
    height: 36px;
    padding: 6px;
    color: var(--secondary-text-color);
  }
  button.icon svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  button.icon:hover:not(:disabled),
  button.text:hover:not(:disabled) {
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
  }
  button.text {
    border-radius: 4px;
    padding: 4px 8px;
    color: var(--primary-color);
    font-weight: 500;
  }
  button.danger {
    color: var(--error-color, #db4437);
  }

  /* Coming up */
  .release {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 4px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto 60px;
  }
  .release .poster-box {
    width: 32px;
    height: 48px;
  }
  .release .title {
    display: block;
  }
  .detail {
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .when {
    flex: none;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 2px;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
  }

  /* VPN */
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dt {
    color: var(--secondary-text-color);
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  dd[data-killswitch="tripped"],
  dd[data-killswitch="fail_closed"],
  dd[data-connectable="false"] {
    color: var(--error-color, #db4437);
  }

  /* Storage */
  .disk + .disk,
  .next-move {
    margin-top: 8px;
  }
  .label {
    font-weight: 500;
  }
  .disk .label {
    flex: 1;
  }

  @container (max-width: 450px) {
    section {
      padding: 8px 12px 12px;
    }
    myflix-queue-row {
      gap: 8px;
    }
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0;
    }
    dd {
      margin-bottom: 6px;
    }
  }
`;var Rr=6e4,D=class extends v{constructor(){super();this._canRemove=!1;this._rowElements=new Map;this._queueRedrawn=!1;this._budget=new ie;this._growing=!1;this._tick=0;this._actions={pause:t=>this._callService("pause_downloads",t),resume:t=>this._callService("resume_downloads",t),remove:t=>this._requireHass().callWS({type:"myflix/media/remove",...this._entry(),hash:t.hash,delete_files:!0})};this._locale={lang:"en",tag:"en",hour12:void 0,timeZone:Te()},this._store=new Z(this._locale.timeZone)}createRenderRoot(){let t=super.createRenderRoot();return vt(t),t}static getConfigElement(){return document.createElement("myflix-card-editor")}static getStubConfig(){return rt()}setConfig(t){let n=nt(t),i=this._config;this._config=n,!(i&&i.entry_id===n.entry_id&&i.days===n.days)&&(i&&i.entry_id!==n.entry_id&&(this._store=new Z(this._locale.timeZone),this._budget.reset()),this._unsubscribe(),this._subscribe())}set hass(t){let n=this._hass;if(this._hass=t,!n||n.locale!==t.locale||n.language!==t.language||n.config?.time_zone!==t.config?.time_zone){let o=gt(t);_t(this._locale,o)||(this._locale=o,this._store.setTimeZone(o.timeZone),this.requestUpdate())}this._updateCanRemove(),this._subscribe()}get hass(){return this._hass}connectedCallback(){super.connectedCallback(),this._subscribe(),this.hasUpdated&&this.requestUpdate(),this._clock=setInterval(()=>this._onClock(),Rr)}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe(),clearInterval(this._clock),this._clock=void 0}getCardSize(){let t=this._config;if(!t)return 1;let n=this._store,i=t.title?1:0;if(t.queue){let o=t.max_rows?Math.min(t.max_rows,n.queueOrder.length):n.queueOrder.length;i+=1+Math.ceil(o*1.5)}return t.upcoming&&(i+=1+Math.max(1,n.upcoming.length)),t.vpn&&(i+=3),t.storage&&(i+=3),Math.max(1,i)}_subscribe(){let t=this._hass,n=this._config;if(!this.isConnected||!t||!n||this._subscription)return;let i={request:it(n),unsubscribe:Promise.resolve(void 0)};this._subscription=i,this._error=void 0,i.unsubscribe=t.connection.subscribeMessage(o=>{this._subscription===i&&this._onMessage(o)},{...i.request}).catch(o=>{this._subscription===i&&(this._error=ae(o))})}_unsubscribe(){let t=this._subscription;this._subscription=void 0,t?.unsubscribe.then(n=>n?.()).catch(()=>{})}_onMessage(t){let n=this._store.apply(t);n.full&&(this._error=void 0),this._updateCanRemove(),(n.full||n.queueOrder||n.upcoming||n.vpn||n.storage)&&this.requestUpdate();for(let i of n.queueRows){let o=this._rowElements.get(i),s=this._store.queue.get(i);o&&s&&(o.row=s)}}_onClock(){this._tick+=1,this.requestUpdate()}_updateCanRemove(){let t=this._store.admin&&this._hass?.user?.is_admin===!0;t!==this._canRemove&&(this._canRemove=t,this.requestUpdate())}_requireHass(){if(!this._hass)throw new Error("Home Assistant is not connected");return this._hass}_entry(){let t=this._store.entryId??this._config?.entry_id;return t?{entry_id:t}:{}}_callService(t,n){let i=this._entry().entry_id,o=i?{config_entry_id:i}:{};return this._requireHass().callService("myflix",t,{...o,hashes:[n.hash]})}render(){let t=this._config;if(!t)return d;let n=this._locale,i=this._store,o=h(n.lang),s=Ee(Date.now(),n.timeZone);return u`<ha-card .header=${t.title||void 0}>
      ${this._error?u`<div class="card-error" role="alert">${o("subscribe_failed",{message:this._error})}</div>`:d}
      ${i.loaded?u`
            ${t.queue?B([i.queueOrder,t.max_rows,n,this._canRemove,this._budget.limit],()=>(this._queueRedrawn=!0,kt({order:i.queueOrder,rows:i.queue,maxRows:t.max_rows,drawLimit:this._budget.limit,locale:n,actions:this._actions,canRemove:this._canRemove}))):d}
            ${t.upcoming?B([i.upcoming,t.days,s,n],()=>It({releases:i.upcoming,days:t.days,today:s,locale:n})):d}
            ${t.vpn?B([i.vpn,n,this._tick],()=>Ht({vpn:i.vpn,locale:n,now:Date.now()})):d}
            ${t.storage?B([i.storage,n],()=>Dt({storage:i.storage,locale:n})):d}
          `:this._error?d:u`<section class="loading">${o("loading")}</section>`}
    </ha-card>`}updated(t){super.updated(t);let n=this._store.loaded&&this._config?.queue===!0;if((this._queueRedrawn||!n&&this._rowElements.size>0)&&(this._queueRedrawn=!1,this._rowElements.clear(),n))for(let i of this.renderRoot.querySelectorAll("myflix-queue-row"))i.row&&this._rowElements.set(i.row.id,i);this._store.loaded&&(this.dataset.rows=String(this._rowElements.size)),n&&this._growIfNeeded()}_growIfNeeded(){let t=Pe(this._store.queueOrder,this._config?.max_rows??0).length;this._growing||!this._budget.needsMore(t)||(this._growing=!0,requestAnimationFrame(()=>requestAnimationFrame(()=>setTimeout(()=>{this._growing=!1,this.isConnected&&(this._budget.grow(),this.requestUpdate())}))))}};D.styles=zt,D.properties={_config:{state:!0},_error:{state:!0}};var Mr=[{name:"title",selector:{text:{}}},{name:"entry_id",selector:{config_entry:{integration:"myflix"}}},{name:"days",selector:{number:{min:1,max:30,step:1,mode:"box"}}},{name:"queue",selector:{boolean:{}}},{name:"upcoming",selector:{boolean:{}}},{name:"vpn",selector:{boolean:{}}},{name:"storage",selector:{boolean:{}}},{name:"max_rows",selector:{number:{min:0,step:1,mode:"box"}}}],{title:bi,...Bt}=Ce,Q=class extends v{constructor(){super(...arguments);this._label=t=>{let n=L(this.hass?.locale?.language??this.hass?.language);return h(n)(`editor_${t.name}`)}}setConfig(t){this._config=t}_changed(t){t.stopPropagation();let n=this._config??{},i={...n,...t.detail.value};for(let o of["title","entry_id"])(i[o]===""||i[o]==null)&&delete i[o];for(let[o,s]of Object.entries(Bt))i[o]===s&&!(o in n)&&delete i[o];this._config=i,this.dispatchEvent(new CustomEvent("config-changed",{detail:{config:i},bubbles:!0,composed:!0}))}render(){return!this.hass||!this._config?d:u`<ha-form
      .hass=${this.hass}
      .data=${{...Bt,...this._config}}
      .schema=${Mr}
      .computeLabel=${this._label}
      @value-changed=${this._changed}
    ></ha-form>`}};Q.properties={hass:{attribute:!1},_config:{state:!0}};var me=class me extends HTMLElement{constructor(){super();this._canRemove=!1;this._running=null;this._confirming=!1;this._error=null;this.addEventListener("click",t=>this._onClick(t))}get row(){return this._row}set row(t){t!==this._row&&(this._row=t,this._draw())}set locale(t){t!==this._locale&&(this._locale=t,this._draw())}set actions(t){this._actions=t}set canRemove(t){t!==this._canRemove&&(this._canRemove=t,this._draw())}get updateComplete(){return Promise.resolve(!0)}_onClick(t){let n=t.target.closest("button[data-action]");if(!(!n||n.disabled))switch(n.dataset.action){case"pause":case"resume":this._call(n.dataset.action);break;case"remove":this._confirming=!0,this._draw();break;case"cancel-remove":this._confirming=!1,this._error=null,this._draw();break;case"confirm-remove":this._call("remove");break}}async _call(t){let n=this._row;if(!(!n||!this._actions)){this._running=t,this._error=null,this._draw();try{await this._actions[t](n),this._confirming=!1}catch(i){this._error=h(this._locale?.lang??"en")("call_failed",{message:ae(i)})}finally{this._running=null,this._draw()}}}_draw(){let t=this._row,n=this._locale;!t||!n||(this.dataset.row=t.id,this.dataset.state=t.state,this.dataset.progress=String(t.progress),re(this._template(t,n),this),me.renders+=1)}_template(t,n){let i=h(n.lang),o=Math.min(100,Math.max(0,Number(t.progress)||0)),s=t.stopped||o>=100,l=t.stopped?"resume":"pause",a=this._confirming;return u`<div class="poster-box">
        <img class="poster" alt="" loading="lazy" decoding="async" src=${t.poster??d} ?hidden=${!t.poster} />
      </div>
      <div class="main">
        <div class="line">
          <span class="title" .title=${t.name||t.title} .textContent=${t.title}></span>
          <span class="percent" .textContent=${ue(o,n.tag)}></span>
        </div>
        <div class="track"><div class="bar" style=${ce({width:`${o}%`})}></div></div>
        <div class="meta" ?hidden=${a}>
          <span class="state" .textContent=${st(t,n.lang)}></span>
          <span .textContent=${Et(t.download_speed,n)}></span>
          <span .textContent=${s?"—":Mt(t.eta,n.lang)}></span>
        </div>
        ${a?u`<div class="confirm">
              <span>${i("confirm_remove",{title:t.title})}</span>
              <button class="text" data-action="cancel-remove" ?disabled=${this._running==="remove"}>
                ${i("cancel")}
              </button>
              <button class="text danger" data-action="confirm-remove" ?disabled=${this._running==="remove"}>
                ${i("remove")}
              </button>
            </div>`:d}
        <div class="error" role="alert" .textContent=${this._error??""}></div>
      </div>
      <div class="actions">
        <button class="icon" data-action=${l} .title=${i(l)} ?disabled=${this._running===l}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${t.stopped?Ft:Vt}></path></svg>
        </button>
        <button
          class="icon"
          data-action="remove"
          .title=${i("remove")}
          ?hidden=${!this._canRemove||a}
          ?disabled=${this._running!==null}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M19,4H15.5L14.5,3H9.5L8.5,4H5V6H19M6,19A2,2 0 0,0 8,21H16A2,2 0 0,0 18,19V7H6V19Z"></path>
          </svg>
        </button>
      </div>`}};me.renders=0;var he=me;var Pr=[["myflix-queue-row",he],["myflix-card-editor",Q],["myflix-card",D]];for(let[r,e]of Pr)customElements.get(r)||customElements.define(r,e);window.customCards=window.customCards??[];window.customCards.some(r=>r.type==="myflix-card")||window.customCards.push({type:"myflix-card",name:"Myflix",description:oe[L(document.documentElement.lang||navigator.language)].card_description,preview:!0});
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
lit-html/directive.js:
lit-html/directives/repeat.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/directives/guard.js:
lit-html/directives/style-map.js:
  (**
   * @license
   * Copyright 2018 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/directive-helpers.js:
  (**
   * @license
   * Copyright 2020 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
